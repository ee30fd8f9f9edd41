from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "framja.knowledge"
    label = "knowledge"

    def ready(self) -> None:
        from framja.knowledge import signals

        signals.connect()
