"""The deterministic template provider: text built from the intake by fixed templates."""
from __future__ import annotations

import json
from typing import Any


def _join(items: list[str], default: str) -> str:
    items = [i for i in items if i]
    if not items:
        return default
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]


class TemplateProvider:
    name = "template"

    def complete(self, task: str, prompt: str, context: dict[str, Any]) -> str:
        handler = getattr(self, f"_{task}", None)
        if handler is None:
            return ""
        return handler(context)

    def _strategy(self, ctx: dict[str, Any]) -> str:
        brief = ctx["brief"]
        brand = brief["brand_name"]
        customer = brief["primary_customer"]
        geography = brief["geography"] or "its home market"
        goal = brief["primary_goal"]
        pains = brief["pain_points"]
        outcomes = brief["desired_outcomes"]
        pillars = []
        for i, outcome in enumerate(outcomes):
            pain = pains[i % len(pains)] if pains else "an unclear message"
            pillars.append(
                {
                    "name": outcome[:1].upper() + outcome[1:],
                    "description": (
                        f"Show {customer} how {brand} turns {pain.lower()} into "
                        f"{outcome.lower()} with proof drawn from {brief['product_service'].lower()}."
                    ),
                    "kpi_impact": f"Lift {outcome.lower()} by 15% within {brief['timeline']}",
                }
            )
        plan = {
            "executive_summary": (
                f"{brand} will grow {goal.lower()} among {customer} in {geography} over "
                f"{brief['timeline']} by focusing on {len(pillars) or 3} content pillars."
            ),
            "situation_analysis": (
                f"{brand} sells {brief['product_service'].lower()} in the "
                f"{brief['industry'].lower()} market. Its buyers struggle with "
                f"{_join([p.lower() for p in pains], 'reaching the right people')}."
            ),
            "strategy_narrative": (
                f"Lead with the problems {customer} already feel, answer them with "
                f"{_join(brief['offers'], brief['product_service'].lower())}, and move buyers "
                f"towards {_join([o.lower() for o in outcomes], 'a first purchase')}."
            ),
            "pillars": pillars,
            "kpis": [
                {"name": "Qualified reach", "target": "10000", "unit": "people", "timeframe_days": 90},
                {"name": "Conversions", "target": "250", "unit": "conversions", "timeframe_days": 90},
            ],
            "timeline": (
                f"{brief['timeline']}: launch in weeks 1-2, optimise in weeks 3-8, "
                "scale what works after week 8."
            ),
        }
        return json.dumps(plan)

    def _caption(self, ctx: dict[str, Any]) -> str:
        pillar = ctx["pillar"]
        offer = f" {ctx['offer']}." if ctx.get("offer") else ""
        return (
            f"{pillar['description']}{offer} {ctx['cta']} with {ctx['brand_name']} "
            f"on {ctx['platform']}."
        )

    def _rewrite(self, ctx: dict[str, Any]) -> str:
        return (
            f"{ctx['brand_name']} helps {ctx['primary_customer']} with "
            f"{ctx['pillar_name'].lower()}. {ctx['cta']}."
        )
