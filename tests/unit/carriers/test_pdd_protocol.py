"""PDD's e-waybill API: the signature (TOP's form, checked against Taobao's published example
and spelled out by hand), the form a waybill request sends, and the answers (waybill,
refusals) as PDD's gateway shapes them."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

from central.carriers.base import Outcome, Party, ShipmentOrder
from central.carriers.pdd import protocol as pdd


def test_the_pdd_signature_is_md5_of_the_sorted_pairs_wrapped_in_the_secret():
    params = {"type": "pdd.waybill.get", "client_id": "abc", "access_token": "tok",
              "timestamp": "1480411125", "data_type": "JSON", "version": "V1"}
    spelled = ("SECRET" + "access_tokentok" + "client_idabc" + "data_typeJSON"
               + "timestamp1480411125" + "typepdd.waybill.get" + "versionV1" + "SECRET")
    assert pdd.pdd_sign(params, "SECRET") == hashlib.md5(spelled.encode()).hexdigest().upper()
    # TOP's published example: the same algorithm, so the same answer
    top = {"app_key": "12345678", "fields": "num_iid,title,nick,price,num", "format": "json",
           "method": "taobao.item.seller.get", "num_iid": "11223344", "session": "test",
           "sign_method": "md5", "timestamp": "2016-01-01 12:00:00", "v": "2.0"}
    assert pdd.pdd_sign(top, "helloworld") == "66987CB115214E59E6EC978214934FB8"
    assert pdd.pdd_sign({**params, "sign": "X"}, "SECRET") == pdd.pdd_sign(params, "SECRET")


def test_a_waybill_request_carries_our_key_as_the_package_and_unix_time():
    order = ShipmentOrder(
        key="k-pdd-0001", order_id="SO-2001", parcel_no=1, parcel_count=1, service="ZTO-STD",
        weight_g=900, sender=Party("Demo Shop", "021-5555-0100", "88 Century Avenue",
                                   "Shanghai", region="上海"),
        recipient=Party("李雷", "139-0000-1111", "天河区体育西路 1 号", "广州", region="广东"))
    at = datetime(2026, 12, 3, 6, 0, tzinfo=UTC)
    fields = pdd.form("cid", "secret", "tok", pdd.GET, {
        "param_waybill_cloud_print_apply_new_request": pdd.json_param(
            pdd.get_request(order, "ZTO", "https://tpl/zto", "u9"))}, at)
    assert fields["type"] == "pdd.waybill.get" and fields["timestamp"] == str(int(at.timestamp()))
    assert fields["sign"] == pdd.pdd_sign({k: v for k, v in fields.items() if k != "sign"},
                                          "secret")
    body = json.loads(fields["param_waybill_cloud_print_apply_new_request"])
    [dto] = body["trade_order_info_dtos"]
    assert body["wp_code"] == "ZTO"
    assert dto["object_id"] == dto["package_info"]["id"] == "k-pdd-0001"
    assert dto["recipient"]["address"] == {"province": "广东", "city": "广州",
                                           "detail": "天河区体育西路 1 号", "country": "中国"}


RECORDED_OK = json.dumps({"pdd_waybill_get_response": {"modules": [{
    "object_id": "k-pdd-0001", "waybill_code": "78000000012", "parent_waybill_code": "",
    "print_data": "{\"encryptedData\":\"xyz\",\"signature\":\"abc\",\"templateUrl\":"
                  "\"https://tpl/zto\",\"ver\":\"3\"}"}]}}).encode()


def test_an_issued_waybill_becomes_a_platform_label_for_the_print_component():
    early, inner = pdd.envelope(RECORDED_OK, pdd.GET)
    assert early is None
    result = pdd.waybill_result(inner, "k-pdd-0001", "https://tpl/zto")
    assert result.outcome is Outcome.OK and result.tracking_numbers == ("78000000012",)
    document = json.loads(result.labels[0].data)
    assert document["platform"] == "pdd" and document["documentID"] == "78000000012"
    assert "encryptedData" in document["data"]  # passed on untouched


def test_refusals_are_normalised_and_keep_pdds_code():
    def refused(code, sub, msg):
        body = json.dumps({"error_response": {"error_code": code, "error_msg": "业务错误",
                                              "sub_code": sub, "sub_msg": msg}}).encode()
        early, _inner = pdd.envelope(body, pdd.GET)
        assert early is not None
        return early

    unserved = refused(20002, "address_not_reachable", "收件地址不在服务范围内")
    assert (unserved.outcome, unserved.error) == (Outcome.REFUSED, "not_serviceable")
    assert unserved.raw_code == "20002/address_not_reachable"
    assert unserved.message == "收件地址不在服务范围内"
    assert refused(70031, "", "调用已被限流").error == "rate_limited"
    assert refused(10019, "", "access_token已过期").error == "bad_credentials"
    assert refused(50000, "", "系统繁忙").outcome is Outcome.UNKNOWN
    garbled, _ = pdd.envelope(b"<html>502 Bad Gateway</html>", pdd.GET)
    assert garbled is not None and garbled.outcome is Outcome.UNKNOWN
