from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "audits"
    verbose_name = "Audits"

    def ready(self):
        # The plan page (strategy) shows what the audit would say; strategy may not import
        # audits, so the audit offers itself here.
        from strategy.review import register_reviewer

        from .runs.review import plan_review

        register_reviewer(plan_review)
