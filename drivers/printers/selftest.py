"""A device self-test page per language, for the Devices screen's "print test label".

Real label content is built by the labels package; this is only a fixed page proving that the
printer, its language and its link work.
"""

from __future__ import annotations

from drivers.errors import DeviceConfigError
from drivers.i18n import _
from drivers.printers.escpos import self_test_receipt

_ZPL = (
    b"^XA^CI28^PW800^LL400"
    b"^FO40,40^A0N,50,50^FDPacking Station^FS"
    b"^FO40,110^A0N,30,30^FDPrinter self-test: ZPL^FS"
    b"^FO40,170^BY3^BCN,100,Y,N,N^FD0123456789^FS"
    b"^XZ"
)
_TSPL = (
    b"SIZE 100 mm,50 mm\r\nGAP 2 mm,0\r\nDIRECTION 1\r\nCLS\r\n"
    b'TEXT 40,40,"3",0,1,1,"Packing Station"\r\n'
    b'TEXT 40,100,"2",0,1,1,"Printer self-test: TSPL"\r\n'
    b'BARCODE 40,160,"128",100,1,0,2,2,"0123456789"\r\n'
    b"PRINT 1\r\n"
)


def self_test_job(language: str) -> bytes:
    """Fixed test page bytes in ``language`` (zpl, tspl or escpos)."""
    lang = language.lower()
    if lang == "zpl":
        return _ZPL
    if lang == "tspl":
        return _TSPL
    if lang == "escpos":
        return self_test_receipt(["Packing Station", "Printer self-test: ESC/POS"])
    raise DeviceConfigError(
        _("Unknown printer language {name!r}; choose zpl, tspl or escpos.").format(name=language)
    )
