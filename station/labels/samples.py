"""Fixed sample data for every template: self-test labels, previews, golden tests, benchmarks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from contract import (
    Address,
    Barcode,
    Carrier,
    CarrierService,
    Order,
    OrderLine,
    Product,
)
from station.labels.data import (
    LabelInput,
    ManifestData,
    ManifestParcel,
    ParcelLabelData,
    SkuLabelData,
)

PRINTED_AT = datetime(2026, 11, 26, 10, 40)

UPS = Carrier(
    code="ups", name="UPS", tracking_format="ups",
    services=[CarrierService(code="GND", name="UPS Ground")],
)  # fmt: skip
SF = Carrier(
    code="sf", name="SF Express", name_zh="顺丰速运", tracking_format="none",
    services=[CarrierService(code="STD", name="标准快递")], mask_recipient=True,
    staging_lane="华南-深圳-A12",
)  # fmt: skip


def us_order(**recipient: str | None) -> Order:
    to: dict[str, str | None] = dict(
        name="Jane Q. Customer", phone="+1 555 0100", line1="1200 Market Street",
        line2="Suite 400", city="San Francisco", region="CA", postcode="94103", country="US",
    )  # fmt: skip
    to.update(recipient)
    return Order(
        order_id="SO-100234", warehouse="RNO1", carrier="ups", service="GND",
        recipient=Address.model_validate(to),
        sender=Address(name="Acme Fulfilment", phone="+1 555 0199", line1="1 Warehouse Way",
                       city="Reno", region="NV", postcode="89501", country="US"),
        lines=[OrderLine(line_no=1, sku="MUG-RED-350", quantity=2)],
    )  # fmt: skip


def cn_order(**recipient: str | None) -> Order:
    to: dict[str, str | None] = dict(
        name="张伟", phone="13812345678", line1="南山区科技园南区深南大道10000号",
        line2="腾讯大厦 3楼", city="深圳市", region="广东省", postcode="518057", country="CN",
    )  # fmt: skip
    to.update(recipient)
    return Order(
        order_id="TB20261126-0042", warehouse="SZX1", carrier="sf", service="STD",
        recipient=Address.model_validate(to),
        sender=Address(name="云仓三号库", phone="075512345678", line1="宝安区福永街道仓储路8号",
                       city="深圳市", region="广东省", postcode="518103", country="CN"),
        lines=[OrderLine(line_no=1, sku="MUG-RED-350", quantity=1)],
    )  # fmt: skip


def carrier_label_data(**recipient: str | None) -> ParcelLabelData:
    return ParcelLabelData(
        order=us_order(**recipient), carrier=UPS, tracking_number="1Z999AA10123456784",
        parcel_no=1, parcel_count=2, weight_g=1234, printed_at=PRINTED_AT,
        sscc="395011015300000011",
    )  # fmt: skip


def ewaybill_data(**recipient: str | None) -> ParcelLabelData:
    return ParcelLabelData(
        order=cn_order(**recipient), carrier=SF, tracking_number="SF1402345678901",
        parcel_no=2, parcel_count=3, weight_g=2050, printed_at=PRINTED_AT,
    )  # fmt: skip


MUG = Product(
    sku="MUG-RED-350", name="Ceramic mug, red, 350 ml", name_zh="陶瓷马克杯 红色 350毫升",
    barcodes=[Barcode(code="09501101530003")], unit_weight_g=320,
    length_mm=120, width_mm=90, height_mm=100, requires_lot=True,
)  # fmt: skip


def sku_label_data() -> SkuLabelData:
    return SkuLabelData(
        product=MUG, quantity=24, receipt="ASN-7781", printed_at=PRINTED_AT,
        lot="L2611A", expiry=date(2028, 3, 31), location="A-03-02-1",
    )  # fmt: skip


def manifest_data(parcels: int = 12) -> ManifestData:
    rows = [
        ManifestParcel(
            tracking_number=f"SF14023456{i:05d}", order_id=f"TB20261126-{i:04d}",
            recipient=["张伟", "Li Na", "王芳", "Chen Jie"][i % 4],
            city=["深圳市", "广州市", "Shanghai", "北京市"][i % 4], weight_g=500 + 37 * i,
            bag="BAG-0001" if i <= 5 else "",  # the first five went in a sealed bag (集包)
        )
        for i in range(1, parcels + 1)
    ]  # fmt: skip
    return ManifestData(
        manifest_id="MF-SZX1-20261126-01", carrier=SF, warehouse="SZX1", closed_at=PRINTED_AT,
        parcels=rows, expected=parcels + 1, missing=("SF1402345699999",),
        bags=("BAG-0001 · seal SL-778899 · 5 parcels",),
    )  # fmt: skip


SAMPLES: dict[str, Callable[[], LabelInput]] = {
    "carrier_100x150": carrier_label_data,
    "ewaybill_100x180": ewaybill_data,
    "sku_50x30": sku_label_data,
    "manifest_a4": manifest_data,
    "manifest_100x150": manifest_data,
}
LANGUAGES = {"carrier_100x150": "en", "ewaybill_100x180": "zh", "sku_50x30": "zh",
             "manifest_a4": "zh", "manifest_100x150": "zh"}  # fmt: skip


def write_previews(folder: str, dpi: int = 203) -> list[str]:
    """Write a PNG preview of every template with its sample data (docs/labels)."""
    from pathlib import Path

    from station.labels.api import render_preview_png

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    cases: list[tuple[str, str, LabelInput]] = [
        (name, LANGUAGES[name], fn()) for name, fn in SAMPLES.items()
    ]
    cases.append(("carrier_100x150", "zh", ewaybill_data()))
    cases.append(("ewaybill_100x180", "en", ewaybill_data()))
    hostile = carrier_label_data(
        name="^XA^FO0,0^FDPWNED^FS^XZ ~JR", line1=("Very Long Industrial Estate Road " * 10)[:300],
        line2=None, city="Reno\x00\x1b\r\n", phone=None,
    )
    cases.append(("carrier_100x150", "en", hostile))
    names = [f"{n}_{lang}" for n, lang, _ in cases]
    names[-1] = "carrier_100x150_hostile_data"
    for (name, lang, data), file in zip(cases, names, strict=True):
        path = out / f"{file}.png"
        path.write_bytes(render_preview_png(name, data, lang, dpi))
        written.append(str(path))
    return written
