"""Every section of the source material, queried through the public API and its facts asserted."""

from __future__ import annotations

import pytest

from careergraph import CareerGraph


def props(graph: CareerGraph, name: str) -> dict:
    return graph.show(name).to_json()["properties"]


def incoming(graph: CareerGraph, name: str, predicate: str) -> set[str]:
    return {e["label"] for e in graph.show(name).to_json()["incoming"].get(predicate, [])}


def labels(values: list) -> set[str]:
    return {v["label"] for v in values}


def listed(graph: CareerGraph, kind: str, **filters) -> list[str]:
    return [item.entity.label for item in graph.list(kind, **filters).items]


def test_devops_core_skills(graph):
    devops = props(graph, "DevOps")
    assert labels(devops["cg:coreSkill"]) == {
        "Infrastructure Management",
        "CI/CD Pipeline Expertise",
        "Monitoring and Observability",
    }
    assert incoming(graph, "Infrastructure as Code", "cg:usedFor") == {
        "Terraform",
        "CloudFormation",
    }
    assert incoming(graph, "Configuration Management", "cg:usedFor") == {
        "Ansible",
        "Chef",
        "Puppet",
    }
    assert incoming(graph, "Cloud Platforms", "cg:usedFor") == {"AWS", "GCP", "Azure"}
    assert incoming(graph, "APM Tools", "cg:usedFor") == {"New Relic", "Datadog"}
    assert incoming(graph, "GitOps", "cg:usedFor") == {"ArgoCD", "Flux"}
    assert incoming(graph, "Infrastructure Management", "skos:broader") == {
        "Container Orchestration",
        "Infrastructure as Code",
        "Configuration Management",
        "Cloud Platforms",
    }
    assert incoming(graph, "Monitoring and Observability", "cg:usedFor") == {
        "Prometheus",
        "Grafana",
        "ELK Stack",
    }


def test_mlops_core_skills(graph):
    assert labels(props(graph, "MLOps")["cg:coreSkill"]) == {
        "Data Pipeline Management",
        "Model Development Infrastructure",
        "Model Deployment and Monitoring",
    }
    assert incoming(graph, "Experiment Tracking", "cg:usedFor") == {"MLflow", "Weights & Biases"}
    assert incoming(graph, "Data Versioning", "cg:usedFor") == {"DVC", "Pachyderm"}
    assert incoming(graph, "Model Serving", "cg:usedFor") == {"TensorFlow Serving", "Seldon"}
    assert incoming(graph, "Model Deployment and Monitoring", "skos:broader") == {
        "Model Serving",
        "A/B Testing Frameworks",
        "Model Performance Monitoring",
        "Concept Drift Detection",
    }


def test_key_differences(graph):
    assert listed(graph, "key-differences") == [
        "Infrastructure Focus",
        "Pipeline Complexity",
        "Testing Approach",
        "Versioning Requirements",
    ]
    approaches = props(graph, "Pipeline Complexity")["cg:approach"]
    texts = {props(graph, a["iri"])["skos:definition"][0] for a in approaches}
    assert texts == {
        "Linear pipelines with clear stages",
        "Cyclical pipelines with experimental phases",
    }
    mlops_testing = props(graph, "track-approach/testing-approach-mlops")
    assert mlops_testing["skos:definition"] == ["Data validation, model validation, A/B testing"]
    assert labels(mlops_testing["cg:track"]) == {"MLOps"}


def test_emerging_trends_and_tools(graph):
    gitops = props(graph, "GitOps")
    assert labels(gitops["cg:hasPractice"]) == {
        "Declarative Infrastructure",
        "Git as Single Source of Truth",
        "Automated Reconciliation",
    }
    assert incoming(graph, "Platform Engineering", "cg:usedFor") == {"Backstage", "Port"}
    assert incoming(graph, "AutoML Operations", "cg:usedFor") == {"Google Cloud AutoML", "H2O.ai"}
    assert incoming(graph, "Feature Stores", "cg:usedFor") == {
        "Feast",
        "Tecton",
        "AWS Feature Store",
    }
    assert "Neural Architecture Search" in labels(
        props(graph, "AutoML Operations")["cg:hasPractice"]
    )


def test_integration_points(graph):
    k8s = props(graph, "Kubernetes Ecosystem")
    assert labels(k8s["cg:includes"]) == {
        "Kubernetes",  # the ecosystem is Kubernetes's (the rule is in devops-mlops.ttl)
        "Kubeflow",
        "Istio",
        "Knative",
        "Argo Workflows",
    }
    assert labels(k8s["cg:sharedBy"]) == {"DevOps", "MLOps"}
    assert labels(props(graph, "Jaeger")["cg:usedFor"]) == {"Tracing"}
    assert labels(props(graph, "Istio")["cg:usedFor"]) == {"Service Mesh"}
    assert labels(props(graph, "Version Control")["cg:includes"]) == {
        "Git",
        "DVC",
        "MLflow",
        "GitOps",
    }
    assert labels(props(graph, "CI/CD Systems")["cg:includes"]) == {
        "Jenkins",
        "GitHub Actions",
        "GitLab CI",
        "CircleCI",
    }


@pytest.mark.parametrize(
    ("track", "level", "roles"),
    [
        (
            "DevOps",
            "Entry Level",
            ["Build Engineer", "Cloud Support Engineer", "Junior DevOps Engineer"],
        ),
        (
            "DevOps",
            "Mid Level",
            ["DevOps Engineer", "Platform Engineer", "Site Reliability Engineer"],
        ),
        (
            "DevOps",
            "Senior Level",
            ["DevOps Architect", "Infrastructure Architect", "Platform Engineering Lead"],
        ),
        ("MLOps", "Entry Level", ["Data Engineer", "ML Engineer", "MLOps Engineer"]),
        ("MLOps", "Mid Level", ["ML Platform Engineer", "MLOps Specialist", "Senior ML Engineer"]),
        (
            "MLOps",
            "Senior Level",
            ["AI Infrastructure Lead", "ML Platform Architect", "MLOps Architect"],
        ),
    ],
)
def test_career_paths(graph, track, level, roles):
    assert listed(graph, "roles", track=track, level=level) == roles


def salary(graph: CareerGraph, name: str) -> tuple:
    p = props(graph, name)
    return (
        p["schema:minValue"][0],
        p["schema:maxValue"][0],
        p.get("cg:upperBoundOpen", [False])[0],
        p["schema:currency"][0],
        p["schema:duration"][0]["value"],
        p["dcterms:spatial"][0],
        p["dcterms:temporal"][0]["value"],
    )


@pytest.mark.parametrize(
    ("band", "expected"),
    [
        ("DevOps Junior band", (80_000, 110_000, False)),
        ("DevOps Mid-Level band", (120_000, 160_000, False)),
        ("DevOps Senior band", (150_000, 220_000, False)),
        ("DevOps Architect band", (180_000, 250_000, True)),
        ("MLOps Junior band", (90_000, 120_000, False)),
        ("MLOps Mid-Level band", (130_000, 180_000, False)),
        ("MLOps Senior band", (160_000, 240_000, False)),
        ("MLOps Architect band", (200_000, 300_000, True)),
    ],
)
def test_devops_mlops_salary_bands(graph, band, expected):
    assert salary(graph, band) == (*expected, "USD", "P1Y", "US", "2024")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("Junior Linux Admin", (65_000, 85_000, False)),
        ("Senior Linux Engineer", (120_000, 175_000, False)),
        ("Linux Architect", (150_000, 200_000, True)),
        ("DevOps Engineer (Linux-focused)", (130_000, 180_000, False)),
        ("Junior Python Developer", (70_000, 90_000, False)),
        ("Senior Python Engineer", (130_000, 180_000, False)),
        ("Python Architect", (160_000, 200_000, True)),
        ("ML Engineer (Python-focused)", (140_000, 200_000, False)),
    ],
)
def test_linux_python_role_salaries(graph, role, expected):
    estimated = props(graph, role)["schema:estimatedSalary"]
    assert len(estimated) == 1
    assert salary(graph, estimated[0]["iri"]) == (*expected, "USD", "P1Y", "US", "2024")


def test_focused_roles_specialise_their_general_role(graph):
    assert labels(props(graph, "DevOps Engineer (Linux-focused)")["cg:specialises"]) == {
        "DevOps Engineer"
    }
    assert labels(props(graph, "ML Engineer (Python-focused)")["cg:specialises"]) == {"ML Engineer"}


def test_future_outlook(graph):
    assert listed(graph, "focus-areas", track="DevOps") == [
        "Developer Experience",
        "Edge Computing",
        "FinOps Integration",
        "Platform Engineering",
        "Security (DevSecOps)",
    ]
    assert listed(graph, "emerging-technologies", track="DevOps") == [
        "Green Computing",
        "Service Mesh",
        "WebAssembly",
        "Zero-trust Security",
    ]
    assert listed(graph, "focus-areas", track="MLOps") == [
        "Automated ML Pipeline",
        "Edge ML Deployment",
        "Model Governance",
        "Real-time ML Systems",
        "Responsible AI",
    ]
    assert listed(graph, "emerging-technologies", track="MLOps") == [
        "Edge AI",
        "Federated Learning",
        "Neural Architecture Search",
        "Quantum ML",
    ]


def test_synergies_and_unique_strengths(graph):
    synergies = graph.list("synergies").items
    assert len(synergies) == 4
    for item in synergies:
        assert labels(props(graph, item.entity.iri)["cg:involves"]) == {"Linux Guru", "Python Guru"}
    assert "Linux gurus often use Python for automation" in listed(graph, "synergies")
    assert labels(props(graph, "Linux Guru")["cg:hasStrength"]) == {
        "Deep understanding of operating system internals",
        "Strong focus on system security and hardening",
        "Expertise in performance optimization at system level",
        "Critical for infrastructure management",
    }
    assert "Typically faster application development cycle" in labels(
        props(graph, "Python Guru")["cg:hasStrength"]
    )


def test_mind_map_pros_and_cons(graph):
    linux = props(graph, "Linux Guru")
    assert "Command Memorization" in labels(linux["cg:hasCon"])
    assert labels(linux["cg:hasPro"]) == {
        "Direct Hardware Control",
        "System-level Access",
        "Security Focus",
        "Enterprise Demand",
    }
    python = props(graph, "Python Guru")
    assert labels(python["cg:hasCon"]) == {
        "Performance Overhead",
        "GIL Limitations",
        "Version Compatibility",
        "Package Management",
    }
    assert incoming(graph, "Shell Scripting", "cg:usedFor") == {"Bash", "Awk", "Sed"}
    assert incoming(graph, "Data Science Tools", "cg:usedFor") == {
        "NumPy",
        "Pandas",
        "Scikit-learn",
    }


def price(graph: CareerGraph, certification: str) -> dict:
    return props(graph, certification)["schema:offers"][0]


@pytest.mark.parametrize(
    ("certification", "usd", "track"),
    [
        ("RHCSA", 450, "Linux Expertise"),
        ("RHCE", 800, "Linux Expertise"),
        ("Linux+", 350, "Linux Expertise"),
        ("PCEP", 59, "Python Expertise"),
        ("PCAP", 295, "Python Expertise"),
        ("AWS Python Specialty", 300, "Python Expertise"),
    ],
)
def test_certification_prices(graph, certification, usd, track):
    offer = price(graph, certification)
    assert offer["schema:price"] == [usd]
    assert offer["schema:priceCurrency"] == ["USD"]
    assert labels(props(graph, certification)["cg:track"]) == {track}


def test_open_ended_and_recurring_prices(graph):
    lpic = price(graph, "LPIC-2")["schema:priceSpecification"][0]
    assert (lpic["schema:minPrice"], lpic["schema:maxPrice"]) == ([200], [600])
    google = price(graph, "Google Python Cert")
    spec = google["schema:priceSpecification"][0]
    assert spec["schema:price"] == [49]
    assert spec["schema:billingDuration"] == [{"value": "P1M", "datatype": "xsd:duration"}]
    linux_cost = props(graph, "Linux Expertise")["cg:certificationCost"][0]
    assert (linux_cost["schema:minPrice"], linux_cost["schema:maxPrice"]) == ([300], [1500])
    python_cost = props(graph, "Python Expertise")["cg:certificationCost"][0]
    assert (python_cost["schema:minPrice"], python_cost["schema:maxPrice"]) == ([200], [1000])


@pytest.mark.parametrize(
    ("investment", "expected"),
    [
        ("Linux Expertise: Core Competency", (1, 2, "ANN")),
        ("Linux Expertise: Guru Level", (3, 5, "ANN")),
        ("Python Expertise: Core Competency", (6, 12, "MON")),
        ("Python Expertise: Guru Level", (2, 4, "ANN")),
    ],
)
def test_time_investment(graph, investment, expected):
    required = props(graph, investment)["schema:timeRequired"][0]
    assert (
        required["schema:minValue"][0],
        required["schema:maxValue"][0],
        required["schema:unitCode"][0],
    ) == expected


@pytest.mark.parametrize(
    ("track", "sector", "level"),
    [
        ("linux", "Cloud Infrastructure", "High"),
        ("linux", "Enterprise IT", "Very High"),
        ("linux", "Cybersecurity", "High"),
        ("linux", "Telecommunications", "Medium"),
        ("linux", "IoT/Embedded Systems", "Growing"),
        ("python", "Web Development", "High"),
        ("python", "Data Science", "Very High"),
        ("python", "AI/ML", "Very High"),
        ("python", "Finance/FinTech", "High"),
        ("python", "Healthcare Tech", "Growing"),
    ],
)
def test_market_demand(graph, track, sector, level):
    track_label = {"linux": "Linux Expertise", "python": "Python Expertise"}[track]
    demand = props(graph, f"{track_label} demand in {sector}")
    assert labels(demand["cg:sector"]) == {sector}
    assert labels(demand["cg:demandLevel"]) == {level}
    assert labels(demand["cg:track"]) == {track_label}


def test_growth_areas(graph):
    assert labels(props(graph, "Linux Expertise")["cg:growthArea"]) == {
        "Container Orchestration",
        "Cloud Native Technologies",
        "Security Hardening",
        "Infrastructure as Code",
        "Edge Computing",
    }
    assert labels(props(graph, "Python Expertise")["cg:growthArea"]) == {
        "MLOps",
        "Big Data Analytics",
        "API Development",
        "Automation/RPA",
        "Quantum Computing",
    }


def test_roi_accelerators(graph):
    linux_factors = {e["iri"] for e in props(graph, "Linux Expertise")["cg:roiFactor"]}
    boosters = {
        i.entity.label
        for i in graph.list("short-term-roi-boosters").items
        if i.entity.iri in linux_factors
    }
    assert boosters == {
        "Cloud certification combinations (AWS+Linux)",
        "Security specializations",
        "Automation capabilities",
        "Container expertise",
    }
    python_factors = {e["iri"] for e in props(graph, "Python Expertise")["cg:roiFactor"]}
    multipliers = {
        i.entity.label
        for i in graph.list("long-term-value-multipliers").items
        if i.entity.iri in python_factors
    }
    assert multipliers == {
        "Full-stack capabilities",
        "Cloud-native development",
        "Technical leadership",
        "Open-source contributions",
    }


def test_market_trends(graph):
    trends = graph.list("market-trends", track="Python").items
    assert [t.entity.label for t in trends] == [
        "AI/ML boom driving massive demand",
        "Growing needs in data engineering",
        "Increased focus on performance optimization",
        "Quantum computing opportunities emerging",
        "Rising demand in scientific computing",
    ]
    assert all(props(graph, t.entity.iri)["dcterms:temporal"] == ["2024-2025"] for t in trends)
    assert len(graph.list("market-trends", track="Linux").items) == 5


def test_hidden_roi_factors_and_transitions(graph):
    devops_paths = props(graph, "DevOps transition paths")
    assert labels(devops_paths["cg:fromTrack"]) == {"Linux Expertise"}
    assert labels(devops_paths["cg:towards"]) == {"DevOps"}
    assert labels(props(graph, "ML engineering paths")["cg:towards"]) == {"ML Engineer"}
    assert labels(props(graph, "Data science transition")["cg:towards"]) == {"Data Science"}
    assert len(graph.list("transitions").items) == 6
    assert listed(graph, "job-security-factors") == sorted(
        [
            "Critical infrastructure roles",
            "High barrier to replacement",
            "Essential enterprise skills",
            "Broad application scope",
            "High innovation potential",
            "Startup opportunities",
        ]
    )


def test_every_entity_names_its_section(graph):
    """Provenance: each entity's dcterms:source is a section with line numbers."""
    for item in graph.list("concepts").items:
        sources = props(graph, item.entity.iri).get("dcterms:source", [])
        assert sources, item.entity.label
        for source in sources:
            section = props(graph, source["iri"])
            assert section["cg:firstLine"][0] <= section["cg:lastLine"][0]
