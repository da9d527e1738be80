"""Lint rules of this project, loaded by SQLMesh from this folder."""

from sqlmesh.core.linter.rule import Rule, RuleViolation
from sqlmesh.core.model import Model, SqlModel

from thelook.portability import engine_dependent_constructs


class NoEngineDependentSql(Rule):
    """SQL that BigQuery and DuckDB evaluate differently: a local unit test would not vouch for
    production."""

    def check_model(self, model: Model) -> RuleViolation | None:
        if not isinstance(model, SqlModel):
            return None
        findings = list(engine_dependent_constructs(model.query))
        if not findings:
            return None
        return self.violation(violation_msg="; ".join(findings))
