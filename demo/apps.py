from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo programmes, accounts and certificates that `make run` seeds (`seed_demo`,
    `seed_certificate_demo`). It sits above courses and certificates: neither imports it."""

    name = "demo"
