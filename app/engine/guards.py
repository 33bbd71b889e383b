"""Size guards for BPMN code: the operations that can allocate much from little are checked first.

RestrictedPython stops escapes but not `10**10**8`, `'a' * 10**9` or `[0] * 10**9`, which take
minutes or gigabytes inside one C call where no time limit can interrupt them. The compile policy
here turns `**`, `*`, `+`, `<<` and `%` into calls of `_binop_`, which refuses a result larger than
the step's size limit before computing it (and makes every `except` block check the step's time first); the builtins and string/list methods that can do the same
(pow, range, str.ljust, list.extend, sum of lists, ...) are replaced by checked versions, and map and
filter by Python loops that the step's trace function sees (memory.py adds up the small allocations).
A memory limit for the whole process (setrlimit) would kill the web worker instead of stopping one case.
"""
import ast
import math
import operator
import re
from collections.abc import Mapping

from RestrictedPython import RestrictingNodeTransformer
from RestrictedPython.Guards import safer_getattr_raise

from .errors import ScriptError

#: Binary operators that are checked, by their AST class and the name passed to `_binop_`.
_CHECKED_OPS = {ast.Pow: "**", ast.Mult: "*", ast.Add: "+", ast.LShift: "<<", ast.Mod: "%"}
_OPERATORS = {"**": operator.pow, "*": operator.mul, "+": operator.add, "<<": operator.lshift,
              "%": operator.mod, "-": operator.sub, "/": operator.truediv, "//": operator.floordiv}
_INPLACE = {"+=": "+", "-=": "-", "*=": "*", "/=": "/", "//=": "//", "%=": "%", "**=": "**", "<<=": "<<"}
_SEQUENCES = (str, bytes, list, tuple)
#: A printf width or precision of this many digits (or `*`) could ask for any amount of memory.
_WIDE_FORMAT = re.compile(r"%[-#0 +]*(\*|\d{6,})|%[-#0 +]*\d*\.(\*|\d{6,})")
#: Python turns no int of more than 4300 digits into text (sys.get_int_max_str_digits), so none can be saved.
_STORABLE_INT_BITS = 14_000
_SIZE_BITS_PER_ITEM = 4  # an int may have four bits per allowed item (1_000_000 → ~1.2 million digits)


def too_big(what: str) -> ScriptError:
    return ScriptError(f"Een expressie in het procesmodel maakt {what} dan de limiet toestaat en is gestopt.")


class SizePolicy(RestrictingNodeTransformer):
    """RestrictedPython's policy, plus: checked binary operators and bounded f-string widths."""

    def visit_BinOp(self, node: ast.BinOp):
        node = self.node_contents_visit(node)
        name = _CHECKED_OPS.get(type(node.op))
        if name is None:
            return node
        return _located(ast.Call(func=ast.Name("_binop_", ast.Load()),
                                 args=[ast.Constant(name), node.left, node.right], keywords=[]), node)

    def visit_ExceptHandler(self, node: ast.ExceptHandler):
        """Every `except` block first checks the step's time, so catching the stop does not carry on."""
        node = super().visit_ExceptHandler(node)
        check = ast.Expr(ast.Call(func=ast.Name("_check_time_", ast.Load()), args=[], keywords=[]))
        node.body.insert(0, _located(check, node))
        return node

    def visit_FormattedValue(self, node: ast.FormattedValue):
        node = self.node_contents_visit(node)
        spec = node.format_spec
        if spec is not None:
            parts = spec.values if isinstance(spec, ast.JoinedStr) else [spec]
            if any(not isinstance(p, ast.Constant) for p in parts) or \
                    any(re.search(r"\d{6,}", str(p.value)) for p in parts):
                self.error(node, "Een opmaak met een berekende of zeer grote breedte is niet toegestaan.")
        node.value = _located(ast.Call(func=ast.Name("_shown_", ast.Load()), args=[node.value], keywords=[]), node)
        return node


def _located(new: ast.AST, old: ast.AST) -> ast.AST:
    """Give the nodes made here the source position of the node they replace."""
    for child in ast.walk(new):
        if "lineno" in child._attributes and not hasattr(child, "lineno"):
            ast.copy_location(child, old)
    return new


class Guards:
    """The checked operations for one engine step, bound to its size limit."""

    def __init__(self, size: int):
        self.size = size
        self.int_bits = size * _SIZE_BITS_PER_ITEM

    # -- operators --------------------------------------------------------------------------------
    def binop(self, name: str, left, right):
        check = getattr(self, "_check_" + {"**": "pow", "*": "mul", "+": "add", "<<": "shift",
                                            "%": "mod"}.get(name, "none"))
        check(left, right)
        return _OPERATORS[name](left, right)

    def inplace(self, op: str, left, right):
        name = _INPLACE.get(op)
        if name is None:
            raise ScriptError(f"De bewerking '{op}' is niet toegestaan in een procesmodel.")
        if isinstance(left, list) and name in ("+", "*"):
            self._check_add(left, right) if name == "+" else self._check_mul(left, right)
            return operator.iadd(left, right) if name == "+" else operator.imul(left, right)
        return self.binop(name, left, right)

    def _check_none(self, left, right):
        return None

    def _check_pow(self, base, exponent, modulo=None):
        if modulo is None and _is_int(base) and _is_int(exponent) and exponent > 0 and abs(base) > 1:
            if exponent * math.log2(abs(base)) > self.int_bits:
                raise too_big("een groter getal")

    def _check_mul(self, left, right):
        if _is_int(left) and _is_int(right):
            if left.bit_length() + right.bit_length() > self.int_bits:
                raise too_big("een groter getal")
            return
        for seq, times in ((left, right), (right, left)):
            if isinstance(seq, _SEQUENCES) and _is_int(times) and len(seq) * max(times, 0) > self.size:
                raise too_big("een langere tekst of lijst")

    def _check_add(self, left, right):
        if isinstance(left, _SEQUENCES) and isinstance(right, _SEQUENCES) and len(left) + len(right) > self.size:
            raise too_big("een langere tekst of lijst")

    def _check_shift(self, left, right):
        if _is_int(left) and _is_int(right) and left.bit_length() + right > self.int_bits:
            raise too_big("een groter getal")

    def _check_mod(self, left, right):
        if isinstance(left, str):
            if _WIDE_FORMAT.search(left):
                raise too_big("een langere tekst")
            self.shown(right)

    # -- values shown as text, and results kept in task data --------------------------------------
    def shown(self, value):
        """`value` unchanged, once its text is known to stay within the limit (f-strings, str, %)."""
        self.check_weight(value)
        return value

    def check_weight(self, value) -> None:
        """Refuse a value whose items and characters together exceed the limit; the walk stops there,
        so a list that holds itself a million times costs no more than the limit to check."""
        budget = self.size
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, (str, bytes)):
                budget -= len(item)
            elif isinstance(item, Mapping):
                budget -= len(item)
                if budget >= 0:
                    stack.extend(item.keys())
                    stack.extend(item.values())
            elif isinstance(item, (list, tuple, set, frozenset)):
                budget -= len(item)
                if budget >= 0:
                    stack.extend(item)
            elif _is_int(item) and item.bit_length() > 64:
                if item.bit_length() > _STORABLE_INT_BITS:
                    raise too_big("een groter getal (meer dan 4300 cijfers)")
                budget -= item.bit_length() // 3
            else:
                budget -= 1
            if budget < 0:
                raise too_big("een grotere waarde")

    # -- builtins and methods ---------------------------------------------------------------------
    def builtins(self) -> dict:
        def checked_pow(base, exponent, modulo=None):
            self._check_pow(base, exponent, modulo)
            return pow(base, exponent) if modulo is None else pow(base, exponent, modulo)

        def checked_range(*args):
            result = range(*args)
            if len(result) > self.size:
                raise too_big("een langere reeks")
            return result

        def checked_sum(values, start=0):
            if not isinstance(start, _SEQUENCES):
                return sum(values, start)
            total = start
            for value in values:
                total = self.binop("+", total, value)
            return total

        def checked_repr(value):
            return repr(self.shown(value))

        guards = self

        class checked_str(metaclass=_StrLike):
            """str() that first checks the size of what it turns into text; `isinstance(x, str)` and
            `str.upper` work as with the builtin."""

            def __new__(cls, value="", *args):
                return str(guards.shown(value), *args)

        return {"pow": checked_pow, "range": checked_range, "sum": checked_sum, "str": checked_str,
                "repr": checked_repr, "map": watched_map, "filter": watched_filter}

    def getattr(self, obj, name):
        """RestrictedPython's attribute guard (no `_` names, no str.format), raising for a missing
        attribute instead of answering None; methods that can allocate much come back checked."""
        if isinstance(obj, _StrLike):
            obj = str  # `str.upper`: the guard sees (and refuses `format` on) the real str
        value = safer_getattr_raise(obj, name)
        if isinstance(obj, str) and name in _STR_WIDTH_METHODS:
            return self._width_checked(value)
        if isinstance(obj, str) and name == "replace":
            return self._replace_checked(obj, value)
        if isinstance(obj, str) and name == "join":
            return self._join_checked(value)
        if isinstance(obj, list) and name == "extend":
            return self._extend_checked(obj, value)
        return value

    def _width_checked(self, method):
        def checked(width, *args):
            if _is_int(width) and width > self.size:
                raise too_big("een langere tekst")
            return method(width, *args)
        return checked

    def _replace_checked(self, text: str, method):
        def checked(old, new, count=-1):
            if isinstance(old, str) and isinstance(new, str) and len(new) > len(old):
                times = text.count(old) if count < 0 else min(count, text.count(old))
                if len(text) + times * (len(new) - len(old)) > self.size:
                    raise too_big("een langere tekst")
            return method(old, new, count)
        return checked

    def _join_checked(self, method):
        def checked(items):
            items = list(items)
            separators = len(method.__self__) * max(len(items) - 1, 0)
            if separators + sum(len(i) if isinstance(i, str) else 0 for i in items) > self.size:
                raise too_big("een langere tekst")
            return method(items)
        return checked

    def _extend_checked(self, target: list, method):
        def checked(items):
            items = list(items) if not isinstance(items, (list, tuple)) else items
            self._check_add(target, items)
            return method(items)
        return checked


_STR_WIDTH_METHODS = {"ljust", "rjust", "center", "zfill", "expandtabs"}


class _StrLike(type):
    """Makes the checked str() stand in for str in isinstance/issubclass and for its methods."""

    def __instancecheck__(cls, obj):
        return isinstance(obj, str)

    def __subclasscheck__(cls, subclass):
        return issubclass(subclass, str)


def watched_map(function, *iterables):
    """map() as Python, so that the step's limits see every item (the builtin loops in C, unseen)."""
    for items in zip(*iterables):
        yield function(*items)


def watched_filter(function, iterable):
    for item in iterable:
        if (item if function is None else function(item)):
            yield item


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
