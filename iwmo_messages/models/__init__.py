"""The message classes by number: `MESSAGE_CLASSES["323"]` is `Bericht323`, for iWmo and iJw alike."""
from __future__ import annotations

from typing import Union

from .antwoord import Bericht319, Bericht320
from .declaratie import Bericht323, Bericht325
from .start import Bericht305, Bericht306
from .stop import Bericht307, Bericht308
from .toewijzing import Bericht301, Bericht302
from .vot import Bericht315, Bericht316
from .vow import Bericht317, Bericht318

Message = Union[Bericht301, Bericht302, Bericht305, Bericht306, Bericht307, Bericht308,
                Bericht315, Bericht316, Bericht317, Bericht318, Bericht319, Bericht320,
                Bericht323, Bericht325]

MESSAGE_CLASSES: dict[str, type] = {
    cls.NUMMER: cls for cls in (
        Bericht301, Bericht302, Bericht305, Bericht306, Bericht307, Bericht308,
        Bericht315, Bericht316, Bericht317, Bericht318, Bericht319, Bericht320,
        Bericht323, Bericht325)
}
