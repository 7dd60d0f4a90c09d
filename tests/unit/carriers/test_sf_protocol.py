"""SF Express protocol against SF's own golden vector and recorded exchanges (shaped as SF's
documentation copies show them): the outgoing request, the parsed result, the error cases."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from central.carriers.base import LabelSpec, Outcome, Party, ShipmentOrder
from central.carriers.sf import protocol as sf


def test_msg_digest_matches_sfs_golden_vector():
    digest = sf.msg_digest('{"language":"zh-CN","orderId":"QIAO-20200618-004"}',
                           "12312334453453", "fjcg5PGKaNpPSHFAZ4QsCOkV71R3zVci")
    assert digest == "IIKJtuLVzoFTu4kHI8M8vA=="


def test_java_urlencode_rules():
    assert sf.java_urlencode("a b~!'()*-._中") == "a+b%7E%21%27%28%29*-._%E4%B8%AD"


@given(st.text(max_size=40))
def test_java_urlencode_leaves_only_javas_safe_characters(text):
    out = sf.java_urlencode(text)
    assert all(c.isascii() and (c.isalnum() or c in "*-._+%") for c in out)


ORDER = ShipmentOrder(
    key="a1b2c3d4e5f6", order_id="SO-1002", parcel_no=1, parcel_count=1, service="SF-STD",
    weight_g=1250,
    sender=Party("Demo Shop", "021-5555-0100", "88 Century Avenue", "Shanghai"),
    recipient=Party("王小明", "138-0013-8000", "朝阳区建国路 1 号", "北京"),
    label=LabelSpec(100, 150, 300), length_mm=300, width_mm=200, height_mm=100)


def test_create_request_uses_our_key_as_order_id_and_both_contacts():
    msg = sf.create_request(ORDER, "7551234567", 2)
    assert msg["orderId"] == "a1b2c3d4e5f6"
    assert [c["contactType"] for c in msg["contactInfoList"]] == [1, 2]
    assert msg["contactInfoList"][1]["contact"] == "王小明"
    assert msg["totalWeight"] == 1.25 and msg["monthlyCard"] == "7551234567"
    assert (msg["totalLength"], msg["totalWidth"], msg["totalHeight"]) == (30, 20, 10)
    form = sf.form("PARTNER", "secret", sf.CREATE, msg, "req-1", 1700000000000)
    assert form["serviceCode"] == "EXP_RECE_CREATE_ORDER" and form["timestamp"] == "1700000000000"
    assert form["msgDigest"] == sf.msg_digest(form["msgData"], form["timestamp"], "secret")
    assert json.loads(form["msgData"]) == msg


RECORDED_CREATE = json.dumps({
    "apiResultCode": "A1000", "apiErrorMsg": "", "apiResultData": json.dumps({
        "success": True, "errorCode": "S0000", "errorMsg": None, "msgData": {
            "orderId": "a1b2c3d4e5f6", "filterResult": 2, "originCode": "021",
            "destCode": "010",
            "waybillNoInfoList": [{"waybillType": 2, "waybillNo": "SF1000000000099"},
                                  {"waybillType": 1, "waybillNo": "SF1000000000012"}],
            "routeLabelInfo": [{"code": "1000", "routeLabelData": {
                "destRouteLabel": "010WB-A12", "codingMapping": "C12"}}]}},
        ensure_ascii=False)}, ensure_ascii=False).encode()


def test_recorded_create_answer_gives_master_number_first_and_sort_codes():
    early, data = sf.envelope(RECORDED_CREATE)
    assert early is None
    result = sf.waybill_result(data)
    assert result.outcome is Outcome.OK
    assert result.tracking_numbers == ("SF1000000000012", "SF1000000000099")
    assert result.sort_codes["destRouteLabel"] == "010WB-A12"
    assert result.sort_codes["destCode"] == "010"


def test_platform_and_business_errors_are_normalised_and_keep_sfs_code():
    bad_sig, _ = sf.envelope(b'{"apiResultCode":"A1006","apiErrorMsg":"\\u6570\\u5b57"}')
    assert bad_sig.outcome is Outcome.REFUSED and bad_sig.error == "bad_credentials"
    assert bad_sig.raw_code == "A1006"
    limited, _ = sf.envelope(b'{"apiResultCode":"A1005"}')
    assert limited.error == "rate_limited"
    business = json.dumps({"apiResultCode": "A1000", "apiResultData": json.dumps(
        {"success": False, "errorCode": "8016", "errorMsg": "重复下单"})}).encode()
    refused, _ = sf.envelope(business)
    assert refused.outcome is Outcome.REFUSED and refused.raw_code == "8016"
    garbage, _ = sf.envelope(b"<html>502 Bad Gateway</html>")
    assert garbage.outcome is Outcome.UNKNOWN


def test_not_serviceable_is_a_refusal_with_sfs_reason():
    result = sf.waybill_result({"filterResult": 3, "remark": "收方地址超范围"})
    assert result.outcome is Outcome.REFUSED and result.error == "not_serviceable"
    assert result.message == "收方地址超范围"


def test_a_label_for_another_dpi_is_refused_not_printed_small():
    spec = LabelSpec(100, 150, 300)
    fits = {"obj": {"files": [{"command": "^XA^PW1181^LL1772^FDx^FS^XZ"}]}}
    assert sf.label_result(fits, spec, "fm_150_standard").ok
    small = {"obj": {"files": [{"command": "^XA^PW812^LL1218^FDx^FS^XZ"}]}}
    refused = sf.label_result(small, spec, "fm_150_standard")
    assert refused.error == "label_does_not_fit" and "812" in (refused.message or "")
    assert sf.template_for(LabelSpec(100, 180, 203)) == "fm_180_standard"
    assert sf.template_for(LabelSpec(50, 30, 203)) is None


def test_route_push_maps_op_codes_to_our_statuses():
    body = {"Body": {"WaybillRoute": [
        {"mailno": "SF1", "opCode": "50", "acceptTime": "2026-12-02 10:00:00",
         "acceptAddress": "上海", "remark": "顺丰速运 已收取快件"},
        {"mailno": "SF1", "opCode": "80", "acceptTime": "2026-12-03 15:00:00",
         "acceptAddress": "北京", "remark": "已签收"},
        {"mailno": "SF1", "opCode": "99", "remark": "其他"}]}}
    assert [e["status"] for e in sf.route_events(body)] == ["collected", "delivered",
                                                             "in_transit"]
