"""A carrier's own 4x6 in ZPL label, as an API such as SF's cloud print answers it: the test
double the station's pass-through and safety checks are fed (central draws no label of its
own: its numbers are drawn with the station's templates).

Every variable goes through ``^FH`` with ``_`` as escape: anything that is not plain
printable ASCII, and the command characters ``^ ~ _ \\``, are written as ``_XX`` hex bytes
of UTF-8 (``^CI28``), so order data can never become printer commands.
"""

from __future__ import annotations

_SAFE = {chr(c) for c in range(0x20, 0x7F)} - {"^", "~", "_", "\\"}


def escape_field(value: str) -> str:
    """``value`` as ``^FH_`` field data: unsafe characters become ``_XX`` UTF-8 hex bytes."""
    out = []
    for ch in value:
        if ch in _SAFE:
            out.append(ch)
        else:
            out.extend(f"_{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def _text(x: int, y: int, size: int, value: str) -> str:
    return f"^FO{x},{y}^A0N,{size},{size}^FH_^FD{escape_field(value)}^FS"


def carrier_label(
    *,
    tracking_number: str,
    carrier: str,
    service: str,
    order_id: str,
    parcel_no: int,
    parcel_count: int,
    weight_g: int,
    recipient_lines: list[str],
    sender_lines: list[str],
) -> str:
    """The ZPL of one parcel's carrier label."""
    lines = ["^XA", "^CI28", "^PW812", "^LL1218"]
    lines.append(_text(30, 30, 50, f"{carrier} {service}"))
    lines.append(_text(30, 100, 28, "FROM:"))
    lines += [_text(30, 135 + 32 * i, 28, s) for i, s in enumerate(sender_lines[:4])]
    lines.append(_text(30, 290, 34, "TO:"))
    lines += [_text(30, 330 + 42 * i, 38, s) for i, s in enumerate(recipient_lines[:6])]
    lines.append(_text(30, 600, 30, f"Order {order_id}  Parcel {parcel_no}/{parcel_count}"))
    lines.append(_text(30, 640, 30, f"{weight_g} g"))
    lines.append(f"^FO60,700^BY3^BCN,200,Y,N,N^FH_^FD{escape_field(tracking_number)}^FS")
    lines.append(f"^FO560,960^BQN,2,6^FH_^FDQA,{escape_field(tracking_number)}^FS")
    lines.append("^XZ")
    return "\n".join(lines) + "\n"
