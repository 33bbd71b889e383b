"""A saved proefrit scenario for the route walks (the delete route takes its id)."""
from app import db
from app.models import ProcessScenario


def scenario_ids(users) -> dict:
    scenario = ProcessScenario(key="wmo", naam="Walk", invoer={"start": {}, "antwoorden": {}, "diensten": {}},
                               verwacht_pad=["start_melding"], verwacht_einde=None,
                               created_by_id=users["procesontwerper"].id)
    db.session.add(scenario)
    db.session.commit()
    return {"scenario_id": scenario.id}
