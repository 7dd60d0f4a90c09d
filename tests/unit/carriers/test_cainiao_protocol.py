"""Cainiao on Taobao's TOP gateway: the signature against TOP's published example, the form
a waybill request sends, and the answers (waybill, refusals) as recorded from the gateway."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from central.carriers.base import Outcome, Party, ShipmentOrder
from central.carriers.cainiao import protocol as cn


def test_the_top_signature_matches_taobao_s_published_example():
    # TOP's own documentation example: secret "helloworld" over these parameters.
    params = {"app_key": "12345678", "fields": "num_iid,title,nick,price,num",
              "format": "json", "method": "taobao.item.seller.get", "num_iid": "11223344",
              "session": "test", "sign_method": "md5", "timestamp": "2016-01-01 12:00:00",
              "v": "2.0"}
    assert cn.top_sign(params, "helloworld") == "66987CB115214E59E6EC978214934FB8"
    # the sign itself and empty values never take part
    assert cn.top_sign({**params, "sign": "X", "partner_id": ""}, "helloworld") == \
        "66987CB115214E59E6EC978214934FB8"


def test_a_waybill_request_is_signed_in_beijing_time_with_our_key_as_the_package():
    order = ShipmentOrder(
        key="a1b2c3", order_id="SO-1003", parcel_no=1, parcel_count=1, service="EMS-STD",
        weight_g=1250, sender=Party("Demo Shop", "021-5555-0100", "88 Century Avenue",
                                    "Shanghai"),
        recipient=Party("王小明", "138-0013-8000", "朝阳区建国路 1 号", "北京"),
        length_mm=300, width_mm=200, height_mm=100)
    at = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    fields = cn.form("12345678", "secret", "sess", cn.GET, {
        "param_waybill_cloud_print_apply_new_request": cn.json_param(
            cn.get_request(order, "EMS", "https://tpl/ems", "u1"))}, at)
    assert fields["timestamp"] == "2026-12-03 14:00:00"  # GMT+8
    assert fields["sign"] == cn.top_sign({k: v for k, v in fields.items() if k != "sign"},
                                         "secret")
    body = json.loads(fields["param_waybill_cloud_print_apply_new_request"])
    [dto] = body["trade_order_info_dtos"]
    assert body["cp_code"] == "EMS"
    assert dto["object_id"] == dto["package_info"]["id"] == "a1b2c3"
    assert dto["package_info"]["weight"] == 1250 and dto["package_info"]["volume"] == 6000
    assert dto["recipient"]["name"] == "王小明" and dto["template_url"] == "https://tpl/ems"


RECORDED_OK = json.dumps({"cainiao_waybill_ii_get_response": {"modules": {
    "waybill_cloud_print_response": [{
        "object_id": "a1b2c3", "waybill_code": "9890000160004",
        "print_data": "{\"encryptedData\":\"AES:xyz\",\"templateURL\":\"https://tpl/ems\","
                      "\"signature\":\"MD:abc\",\"ver\":\"waybill_print_secret_version_1\"}"}]},
    "request_id": "15rgcw0hk0cou"}}).encode()


def test_an_issued_waybill_becomes_a_platform_label_for_the_print_component():
    early, inner = cn.envelope(RECORDED_OK, cn.GET)
    assert early is None
    result = cn.waybill_result(inner, "a1b2c3", "https://tpl/ems")
    assert result.outcome is Outcome.OK and result.tracking_numbers == ("9890000160004",)
    [label] = result.labels
    document = json.loads(label.data)
    assert label.format == "platform" and document["platform"] == "cainiao"
    assert document["documentID"] == "9890000160004"
    assert document["templateURL"] == "https://tpl/ems"
    assert "encryptedData" in document["data"]  # passed on untouched


def test_refusals_are_normalised_and_keep_cainiao_s_code():
    def refused(code, sub, msg):
        body = json.dumps({"error_response": {"code": code, "msg": "Remote service error",
                                              "sub_code": sub, "sub_msg": msg}}).encode()
        early, _inner = cn.envelope(body, cn.GET)
        assert early is not None
        return early

    unserved = refused(15, "isv.address-not-reachable", "收件地址不在服务范围内")
    assert (unserved.outcome, unserved.error) == (Outcome.REFUSED, "not_serviceable")
    assert unserved.raw_code == "15/isv.address-not-reachable"
    assert unserved.message == "收件地址不在服务范围内"
    assert refused(7, "accesscontrol.limited-by-app-access-count", "").error == "rate_limited"
    assert refused(25, "", "Invalid signature").error == "bad_credentials"
    gone = refused(15, "isv.waybill-not-exist", "面单号不存在")
    assert gone.error == "not_found"
    garbled, _ = cn.envelope(b"<html>502 Bad Gateway</html>", cn.GET)
    assert garbled is not None and garbled.outcome is Outcome.UNKNOWN
