"""bench/engine.py compares the platform with the shipped Wmo model run bare in SpiffWorkflow: that bare run must
parse the model with the DMN tables it calls and complete every case (it broke unnoticed when wmo.bpmn began to
call the vier-ogen table). Runs 5 bare cases in memory, the same 1 in 5 that needs the vier-ogen toets."""
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_the_engine_bench_runs_the_shipped_wmo_model_bare_to_the_end(app):
    sys.path.insert(0, str(BENCH))
    try:
        import engine
    finally:
        sys.path.remove(str(BENCH))
    with app.app_context():
        from app import db
        from app.models import Product
        products = [(p.productcode, p.eenheid) for p in db.session.query(Product).filter_by(domein="wmo")
                    .order_by(Product.productcode)]
    result = engine.run_bare(5, products, engine.bare_model())
    # per case triage, onderzoek_gesprek, onderzoek_verslag, aanvraag_registreren, besluit_voorbereiden; one vier-ogen
    assert result["completions"] == 5 * 5 + 1
    assert len(result["case_s"]) == 5
