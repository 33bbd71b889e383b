"""The empty beslistabel a procesontwerper starts a new decision from in the designer (#10 point 7): one decision
with a FIRST table of one input, one output and one rule, with a diagram shape so every dmn-js view opens it. Pure:
the id is checked here, the table is stored by services/process_decisions."""
import re
from xml.sax.saxutils import escape, quoteattr

#: A decision id a business rule task can call and the sandbox can name: a Python identifier in ASCII.
ID = re.compile(r"[a-z_][a-z0-9_]{0,59}")


def id_error(key: str) -> str | None:
    """Why `key` cannot be a decision's id (Dutch), or None."""
    if not key:
        return "Geef de beslistabel een id, bijvoorbeeld 'voorrang'."
    if not ID.fullmatch(key):
        return ("Een id heeft alleen kleine letters, cijfers en '_', begint met een letter en is hoogstens 60 tekens "
                "lang, bijvoorbeeld 'voorrang_bij_spoed'.")
    return None


def empty_table(key: str, naam: str) -> str:
    """The DMN of a new table `key` named `naam`: input 'domein', output `key`, one rule to edit.

    >>> 'hitPolicy="FIRST"' in empty_table('voorrang', 'Voorrang & spoed') and '&amp; spoed' in empty_table('voorrang', 'Voorrang & spoed')
    True
    """
    name = quoteattr(naam or key)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
    xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/"
    xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/"
    id="Definitions_{key}" name={name} namespace="https://cumulus.example/dmn">
  <decision id="{key}" name={name}>
    <decisionTable id="{key}_tabel" hitPolicy="FIRST">
      <input id="{key}_invoer" label="Domein">
        <inputExpression id="{key}_invoer_expr" typeRef="string">
          <text>domein</text>
        </inputExpression>
      </input>
      <output id="{key}_uitvoer" label={name} name="{key}" typeRef="string" />
      <rule id="{key}_regel_1">
        <description>{escape("Vul de regels in; de eerste regel die past, geldt.")}</description>
        <inputEntry id="{key}_regel_1_invoer"><text>-</text></inputEntry>
        <outputEntry id="{key}_regel_1_uitvoer"><text>'nog invullen'</text></outputEntry>
      </rule>
    </decisionTable>
  </decision>
  <dmndi:DMNDI>
    <dmndi:DMNDiagram id="DMNDiagram_{key}">
      <dmndi:DMNShape id="DMNShape_{key}" dmnElementRef="{key}">
        <dc:Bounds height="80" width="180" x="160" y="100" />
      </dmndi:DMNShape>
    </dmndi:DMNDiagram>
  </dmndi:DMNDI>
</definitions>
"""
