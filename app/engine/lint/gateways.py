"""Rule `gateway-no-default`: an exclusive or inclusive gateway that splits on conditions has a default flow, or
conditions that plainly cover every case (one is `True`, or two are each other's opposite). Otherwise a case whose
data makes every condition false stops with an error at the gateway. A warning: the conditions may well cover
every value the forms allow, which the linter cannot know."""
import ast

from .model import NS, WARNING, Finding, Model, label


def check_gateways(model: Model) -> list[Finding]:
    findings = []
    flows_from: dict[str, list] = {}
    for flow in model.root.iterfind(".//bpmn:sequenceFlow", NS):
        flows_from.setdefault(flow.get("sourceRef"), []).append(flow)
    for gateway in [*model.root.iterfind(".//bpmn:exclusiveGateway", NS),
                    *model.root.iterfind(".//bpmn:inclusiveGateway", NS)]:
        outgoing = flows_from.get(gateway.get("id"), [])
        if gateway.get("default") or len(outgoing) < 2:
            continue
        conditions = [_condition(flow) for flow in outgoing]
        if None in conditions or _covers_all(conditions):
            continue  # a flow without a condition is taken when nothing else is (the schema rule checks more)
        findings.append(model.finding(
            "gateway-no-default", WARNING, gateway,
            f"Gateway {label(gateway)} heeft geen standaardstroom (default). Als geen van de voorwaarden waar is, "
            "stopt de zaak hier met een fout. Maak de veilige weg de standaardstroom."))
    return findings


def _condition(flow) -> str | None:
    node = flow.find("bpmn:conditionExpression", NS)
    return node.text.strip() if node is not None and node.text and node.text.strip() else None


def _covers_all(conditions: list[str]) -> bool:
    trees = []
    for source in conditions:
        try:
            trees.append(ast.parse(source, mode="eval").body)
        except SyntaxError:
            return False  # the expression rule reports it
    if any(isinstance(t, ast.Constant) and bool(t.value) for t in trees):
        return True
    dumped = {ast.dump(t) for t in trees}
    return any(ast.dump(_negated(t)) in dumped for t in trees if _negated(t) is not None)


def _negated(tree):
    """The plain opposite of `tree` (`not x` ↔ `x`, `a == b` ↔ `a != b`), or None."""
    if isinstance(tree, ast.UnaryOp) and isinstance(tree.op, ast.Not):
        return tree.operand
    opposite = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
                ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt}
    if isinstance(tree, ast.Compare) and len(tree.ops) == 1 and type(tree.ops[0]) in opposite:
        return ast.Compare(left=tree.left, ops=[opposite[type(tree.ops[0])]()], comparators=tree.comparators)
    return ast.UnaryOp(op=ast.Not(), operand=tree)
