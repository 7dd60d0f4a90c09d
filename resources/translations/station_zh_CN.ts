<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>BarcodeSheet</name>
    <message>
      <source>Barcode sheet</source>
      <translation>条码表</translation>
    </message>
    <message>
      <source>Save command sheet as image (to print)</source>
      <translation>将指令条码表保存为图片（用于打印）</translation>
    </message>
    <message>
      <source>Commands</source>
      <translation>指令</translation>
    </message>
    <message>
      <source>Receiving, returns, stock</source>
      <translation>收货、退货、库存</translation>
    </message>
  </context>
  <context>
    <name>DashboardScreen</name>
    <message>
      <source>Packed</source>
      <translation>已打包</translation>
    </message>
    <message>
      <source>Labelled</source>
      <translation>已贴单</translation>
    </message>
    <message>
      <source>Handed over</source>
      <translation>已交接</translation>
    </message>
    <message>
      <source>Weight override</source>
      <translation>重量放行</translation>
    </message>
    <message>
      <source>Short pick</source>
      <translation>缺货</translation>
    </message>
    <message>
      <source>Label voided</source>
      <translation>面单作废</translation>
    </message>
    <message>
      <source>Order stopped</source>
      <translation>订单拦截</translation>
    </message>
    <message>
      <source>Handover refused</source>
      <translation>交接拒收</translation>
    </message>
    <message>
      <source>Manifest reopened</source>
      <translation>交接单重开</translation>
    </message>
    <message>
      <source>Refused by central</source>
      <translation>被中心拒收</translation>
    </message>
    <message>
      <source>Order put aside</source>
      <translation>订单已搁置</translation>
    </message>
    <message>
      <source>Held back at handover</source>
      <translation>交接时扣留</translation>
    </message>
    <message>
      <source>Label waiting for central (PRINT-WAITING)</source>
      <translation>面单等待中心服务器（PRINT-WAITING）</translation>
    </message>
    <message>
      <source>open</source>
      <translation>待处理</translation>
    </message>
    <message>
      <source>acknowledged by {who}</source>
      <translation>{who} 已确认</translation>
    </message>
    <message>
      <source>resolved by {who}: {reason}</source>
      <translation>{who} 已解决：{reason}</translation>
    </message>
    <message>
      <source>Reason (type or scan), then Resolve</source>
      <translation>原因（输入或扫描），然后点“解决”</translation>
    </message>
    <message>
      <source>Acknowledge</source>
      <translation>确认</translation>
    </message>
    <message>
      <source>Resolve</source>
      <translation>解决</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Export CSV</source>
      <translation>导出 CSV</translation>
    </message>
    <message>
      <source>Back to packing</source>
      <translation>返回打包</translation>
    </message>
    <message>
      <source>No open exception to act on.</source>
      <translation>没有待处理的异常。</translation>
    </message>
    <message>
      <source>Carrier</source>
      <translation>承运商</translation>
    </message>
    <message>
      <source>Packer</source>
      <translation>打包员</translation>
    </message>
    <message>
      <source>Manifest</source>
      <translation>交接单</translation>
    </message>
    <message>
      <source>Pickup</source>
      <translation>揽收批次</translation>
    </message>
    <message>
      <source>Scanned</source>
      <translation>已扫</translation>
    </message>
    <message>
      <source>Nothing packed yet today.</source>
      <translation>今天还没有打包。</translation>
    </message>
    <message>
      <source>No cut-off ahead with work left.</source>
      <translation>没有待完成工作的截单时间。</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Detail</source>
      <translation>详情</translation>
    </message>
    <message>
      <source>Per carrier</source>
      <translation>按承运商</translation>
    </message>
    <message>
      <source>Per packer</source>
      <translation>按打包员</translation>
    </message>
    <message>
      <source>Today per hour</source>
      <translation>今日每小时</translation>
    </message>
    <message>
      <source>Open manifests</source>
      <translation>未关闭的交接单</translation>
    </message>
    <message>
      <source>Exceptions</source>
      <translation>异常</translation>
    </message>
    <message>
      <source>Next cut-offs</source>
      <translation>即将截单</translation>
    </message>
    <message>
      <source>Today {day}: packed {packed} · labelled {labelled} · handed over {handed}</source>
      <translation>今天 {day}：已打包 {packed} · 已贴单 {labelled} · 已交接 {handed}</translation>
    </message>
    <message>
      <source>missed {h} h {m} min ago</source>
      <translation>已超过 {h} 小时 {m} 分钟</translation>
    </message>
    <message>
      <source>in {h} h {m} min</source>
      <translation>还剩 {h} 小时 {m} 分钟</translation>
    </message>
    <message>
      <source>cut-off {at} {when}: {parcels} parcels not handed over, {orders} orders not packed</source>
      <translation>截单 {at}，{when}：{parcels} 个包裹未交接，{orders} 个订单未打包</translation>
    </message>
  </context>
  <context>
    <name>Demo</name>
    <message>
      <source>Demo: 1) scan badge P001  2) scan a tote  3) scan its items  4) CLOSE, CONFIRM  5) 'Put the expected weight on' in Demo controls  6) the label prints  7) CLOSE.</source>
      <translation>演示：1) 扫工牌 P001  2) 扫周转箱  3) 扫箱内商品  4) CLOSE、CONFIRM  5) 在演示控制中点“放上预期重量”  6) 面单自动打印  7) CLOSE。</translation>
    </message>
    <message>
      <source>Badges</source>
      <translation>工牌</translation>
    </message>
    <message>
      <source>Totes / orders</source>
      <translation>周转箱 / 订单</translation>
    </message>
    <message>
      <source>Boxes</source>
      <translation>纸箱</translation>
    </message>
    <message>
      <source>Receiving and returns</source>
      <translation>收货与退货</translation>
    </message>
    <message>
      <source>Shipping lead</source>
      <translation>发货主管</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Labelled parcels (handover)</source>
      <translation>已贴单包裹（交接）</translation>
    </message>
    <message>
      <source>Inbound notice</source>
      <translation>入库通知单</translation>
    </message>
    <message>
      <source>SKU label</source>
      <translation>SKU 标签</translation>
    </message>
    <message>
      <source>Items of {order}</source>
      <translation>订单 {order} 的商品</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>库位</translation>
    </message>
    <message>
      <source>parcel {n}</source>
      <translation>包裹 {n}</translation>
    </message>
  </context>
  <context>
    <name>DemoPanel</name>
    <message>
      <source>Demo controls</source>
      <translation>演示控制</translation>
    </message>
    <message>
      <source>Put on scale</source>
      <translation>放上秤</translation>
    </message>
    <message>
      <source>Put the expected weight on</source>
      <translation>放上预期重量</translation>
    </message>
    <message>
      <source>Take off</source>
      <translation>取下</translation>
    </message>
    <message>
      <source>Shake (motion)</source>
      <translation>晃动（不稳定）</translation>
    </message>
    <message>
      <source>Unplug scale</source>
      <translation>拔掉电子秤</translation>
    </message>
    <message>
      <source>Cut the network</source>
      <translation>断开网络</translation>
    </message>
    <message>
      <source>ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <source>paper out</source>
      <translation>缺纸</translation>
    </message>
    <message>
      <source>head open</source>
      <translation>打印头打开</translation>
    </message>
    <message>
      <source>not answering</source>
      <translation>无响应</translation>
    </message>
    <message>
      <source>Scale</source>
      <translation>电子秤</translation>
    </message>
    <message>
      <source>Printer</source>
      <translation>打印机</translation>
    </message>
    <message>
      <source>Network to central</source>
      <translation>到中央服务器的网络</translation>
    </message>
    <message>
      <source>Labels received by the printer: {n}</source>
      <translation>打印机已收到面单：{n}</translation>
    </message>
  </context>
  <context>
    <name>DevicesScreen</name>
    <message>
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Scale</source>
      <translation>电子秤</translation>
    </message>
    <message>
      <source>Label printer</source>
      <translation>面单打印机</translation>
    </message>
    <message>
      <source>Scanner</source>
      <translation>扫描枪</translation>
    </message>
    <message>
      <source>Read the scale</source>
      <translation>读取电子秤</translation>
    </message>
    <message>
      <source>Print a test label</source>
      <translation>打印测试面单</translation>
    </message>
    <message>
      <source>Scan test</source>
      <translation>扫描测试</translation>
    </message>
    <message>
      <source>Find USB serial devices</source>
      <translation>查找 USB 串口设备</translation>
    </message>
    <message>
      <source>Save (admin)</source>
      <translation>保存（管理员）</translation>
    </message>
    <message>
      <source>Back to packing</source>
      <translation>返回打包</translation>
    </message>
    <message>
      <source>no reading</source>
      <translation>无读数</translation>
    </message>
    <message>
      <source>Scan any barcode now…</source>
      <translation>请扫描任意条码…</translation>
    </message>
    <message>
      <source>Test label printed.</source>
      <translation>测试面单已打印。</translation>
    </message>
    <message>
      <source>Scale says: {reading}</source>
      <translation>电子秤读数：{reading}</translation>
    </message>
    <message>
      <source>Scanned: {code} ({n} characters)</source>
      <translation>已扫描：{code}（{n} 个字符）</translation>
    </message>
    <message>
      <source>Test label failed: {m}</source>
      <translation>测试面单失败：{m}</translation>
    </message>
    <message>
      <source>Saved to {path}. Restart the station to use the new devices.</source>
      <translation>已保存到 {path}。重启工作站以使用新设备。</translation>
    </message>
  </context>
  <context>
    <name>EvidenceScreen</name>
    <message>
      <source>Scan an order or tracking number</source>
      <translation>扫描订单号或运单号</translation>
    </message>
    <message>
      <source>Scan an order or tracking number to see its packing video.</source>
      <translation>扫描订单号或运单号，查看打包视频。</translation>
    </message>
    <message>
      <source>No clip selected</source>
      <translation>未选择视频</translation>
    </message>
    <message>
      <source>Back</source>
      <translation>返回</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>ACTION</source>
      <translation>需处理</translation>
    </message>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>hash verified</source>
      <translation>哈希校验通过</translation>
    </message>
    <message>
      <source>CHANGED or missing since recorded</source>
      <translation>录制后已被修改或丢失</translation>
    </message>
    <message>
      <source>This clip cannot be played.</source>
      <translation>此视频无法播放。</translation>
    </message>
    <message>
      <source>{count} clip(s) for {code}</source>
      <translation>{code} 共有 {count} 段视频</translation>
    </message>
    <message>
      <source>End of clip.</source>
      <translation>播放结束。</translation>
    </message>
    <message>
      <source>No packing video for {code}.</source>
      <translation>{code} 没有打包视频。</translation>
    </message>
    <message>
      <source>complete</source>
      <translation>完整</translation>
    </message>
    <message>
      <source>cut short (recorder stopped)</source>
      <translation>中途截断（录像进程停止）</translation>
    </message>
    <message>
      <source>recording now</source>
      <translation>正在录制</translation>
    </message>
    <message>
      <source>no video (see the audit trail)</source>
      <translation>无视频（原因见审计记录）</translation>
    </message>
  </context>
  <context>
    <name>HandoverScreen</name>
    <message>
      <source>OK</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>ACTION</source>
      <translation>处理</translation>
    </message>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>open</source>
      <translation>进行中</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>已关闭</translation>
    </message>
    <message>
      <source>Tracking number</source>
      <translation>运单号</translation>
    </message>
    <message>
      <source>Order</source>
      <translation>订单</translation>
    </message>
    <message>
      <source>Weight</source>
      <translation>重量</translation>
    </message>
    <message>
      <source>Scanned at</source>
      <translation>扫描时间</translation>
    </message>
    <message>
      <source>Pickup (driver, van, time)</source>
      <translation>揽收批次（司机、车辆、时间）</translation>
    </message>
    <message>
      <source>Handed over (newest first)</source>
      <translation>已交接（最新在前）</translation>
    </message>
    <message>
      <source>Missing: still in the staging lane</source>
      <translation>缺少：仍在待发区</translation>
    </message>
    <message>
      <source>Close manifest (CMD:CLOSE-MANIFEST)</source>
      <translation>关闭交接单 (CMD:CLOSE-MANIFEST)</translation>
    </message>
    <message>
      <source>Reopen (lead)</source>
      <translation>重新打开（主管）</translation>
    </message>
    <message>
      <source>Driver signs</source>
      <translation>司机签字</translation>
    </message>
    <message>
      <source>Back to packing</source>
      <translation>返回打包</translation>
    </message>
    <message>
      <source>Handover: choose the carrier's pickup</source>
      <translation>交接：选择承运商揽收批次</translation>
    </message>
    <message>
      <source>Scan CMD:HANDOVER:&lt;carrier&gt; or press a carrier.</source>
      <translation>扫描 CMD:HANDOVER:&lt;承运商&gt; 或点击承运商。</translation>
    </message>
    <message>
      <source>{carrier}: {n} waiting</source>
      <translation>{carrier}：{n} 件待交</translation>
    </message>
    <message>
      <source>Manifest {manifest} · {carrier} {pickup} · {state}</source>
      <translation>交接单 {manifest} · {carrier} {pickup} · {state}</translation>
    </message>
    <message>
      <source>Expected {expected} · Scanned {scanned} · Missing {missing}</source>
      <translation>应交 {expected} · 已扫 {scanned} · 缺少 {missing}</translation>
    </message>
    <message>
      <source>open: {manifests}</source>
      <translation>进行中：{manifests}</translation>
    </message>
  </context>
  <context>
    <name>InboundController</name>
    <message>
      <source>Receive</source>
      <translation>收货</translation>
    </message>
    <message>
      <source>Returns</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Stock</source>
      <translation>库存</translation>
    </message>
  </context>
  <context>
    <name>InboundScreens</name>
    <message>
      <source>unwanted</source>
      <translation>不想要了</translation>
    </message>
    <message>
      <source>damaged</source>
      <translation>已损坏</translation>
    </message>
    <message>
      <source>wrong item</source>
      <translation>发错货</translation>
    </message>
    <message>
      <source>defective</source>
      <translation>质量问题</translation>
    </message>
    <message>
      <source>other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>resellable</source>
      <translation>可再售</translation>
    </message>
    <message>
      <source>refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>exchange</source>
      <translation>换货</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>ACTION</source>
      <translation>请操作</translation>
    </message>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
  </context>
  <context>
    <name>LeadDesk</name>
    <message>
      <source>Handover</source>
      <translation>交接</translation>
    </message>
    <message>
      <source>Lookup</source>
      <translation>查询</translation>
    </message>
    <message>
      <source>Dashboard</source>
      <translation>看板</translation>
    </message>
    <message>
      <source>Voided from lookup</source>
      <translation>在查询页作废</translation>
    </message>
    <message>
      <source>Scan or type the reason of the resolve.</source>
      <translation>请扫描或输入解决原因。</translation>
    </message>
    <message>
      <source>Clips</source>
      <translation>打包视频</translation>
    </message>
    <message>
      <source>Scan the parcel to take out of the open bag.</source>
      <translation>请扫描要从当前集包中取出的包裹。</translation>
    </message>
    <message>
      <source>Manifest printed; A4 sheet saved as {path}. Driver and lead sign it.</source>
      <translation>交接单已打印；A4 单已保存为 {path}。司机和主管签字。</translation>
    </message>
    <message>
      <source>A4 sheet saved as {path}; thermal slip NOT printed: {message}</source>
      <translation>A4 单已保存为 {path}；热敏交接单未打印：{message}</translation>
    </message>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>This station records no pack video: no camera is set up ([camera]).</source>
      <translation>本工位不录制打包视频：未设置摄像头（[camera]）。</translation>
    </message>
    <message>
      <source>Choose the carrier's pickup first (CMD:HANDOVER:&lt;carrier&gt;).</source>
      <translation>请先选择承运商揽收批次 (CMD:HANDOVER:&lt;承运商&gt;)。</translation>
    </message>
    <message>
      <source>No printer is set up.</source>
      <translation>未设置打印机。</translation>
    </message>
    <message>
      <source>Manifest {manifest} open: scan each parcel the driver takes.</source>
      <translation>交接单 {manifest} 已打开：司机取走的每个包裹都要扫描。</translation>
    </message>
    <message>
      <source>{n} order(s) found for {code}.</source>
      <translation>{code} 找到 {n} 个订单。</translation>
    </message>
    <message>
      <source>Saved {path}</source>
      <translation>已保存 {path}</translation>
    </message>
    <message>
      <source>That command does nothing on this screen.</source>
      <translation>此命令在本页面无效。</translation>
    </message>
  </context>
  <context>
    <name>LeadDialog</name>
    <message>
      <source>Item weight in the catalogue is wrong</source>
      <translation>商品目录中的重量有误</translation>
    </message>
    <message>
      <source>Extra protective packaging</source>
      <translation>额外的保护包装</translation>
    </message>
    <message>
      <source>Scale checked: parcel content verified by lead</source>
      <translation>已核对电子秤：组长已核验包裹内容</translation>
    </message>
    <message>
      <source>Label damaged</source>
      <translation>面单损坏</translation>
    </message>
    <message>
      <source>Wrong parcel labelled</source>
      <translation>贴错包裹</translation>
    </message>
    <message>
      <source>Carrier changed</source>
      <translation>更换承运商</translation>
    </message>
    <message>
      <source>Lead badge</source>
      <translation>组长工牌</translation>
    </message>
    <message>
      <source>PIN (when the badge is typed)</source>
      <translation>PIN（手动输入工牌号时）</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Ship what is packed</source>
      <translation>发出已打包的部分</translation>
    </message>
    <message>
      <source>Hold the order</source>
      <translation>挂起订单</translation>
    </message>
    <message>
      <source>Send back to picking</source>
      <translation>退回拣货</translation>
    </message>
    <message>
      <source>Enter a quantity</source>
      <translation>输入数量</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Scan the lead's badge (or type it with the lead's PIN) and give a reason.</source>
      <translation>请扫描组长工牌（或输入工牌号及组长 PIN），并填写原因。</translation>
    </message>
    <message>
      <source>Scanned: {code}</source>
      <translation>已扫描：{code}</translation>
    </message>
    <message>
      <source>Scan ignored while this window is open: {code}. Finish or cancel it first.</source>
      <translation>此窗口打开时扫描无效：{code}。请先完成或取消。</translation>
    </message>
  </context>
  <context>
    <name>LoginScreen</name>
    <message>
      <source>Scan your badge</source>
      <translation>请扫描工牌</translation>
    </message>
    <message>
      <source>or enter your badge number and PIN</source>
      <translation>或输入工牌号和 PIN 码</translation>
    </message>
    <message>
      <source>Badge</source>
      <translation>工牌</translation>
    </message>
    <message>
      <source>PIN</source>
      <translation>PIN 码</translation>
    </message>
    <message>
      <source>Log in</source>
      <translation>登录</translation>
    </message>
    <message>
      <source>Enter your badge number and your PIN.</source>
      <translation>请输入工牌号和 PIN 码。</translation>
    </message>
  </context>
  <context>
    <name>LookupScreen</name>
    <message>
      <source>released</source>
      <translation>已下发</translation>
    </message>
    <message>
      <source>packed</source>
      <translation>已打包</translation>
    </message>
    <message>
      <source>shipped</source>
      <translation>已发出</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>已取消</translation>
    </message>
    <message>
      <source>intercepted</source>
      <translation>已拦截</translation>
    </message>
    <message>
      <source>waiting for label</source>
      <translation>等待面单</translation>
    </message>
    <message>
      <source>labelled</source>
      <translation>已贴单</translation>
    </message>
    <message>
      <source>void</source>
      <translation>作废</translation>
    </message>
    <message>
      <source>label created</source>
      <translation>已建单</translation>
    </message>
    <message>
      <source>handed to the carrier</source>
      <translation>已交接给承运商</translation>
    </message>
    <message>
      <source>collected</source>
      <translation>已揽收</translation>
    </message>
    <message>
      <source>in transit</source>
      <translation>运输中</translation>
    </message>
    <message>
      <source>out for delivery</source>
      <translation>派送中</translation>
    </message>
    <message>
      <source>delivered</source>
      <translation>已签收</translation>
    </message>
    <message>
      <source>returned to sender</source>
      <translation>已退回寄件人</translation>
    </message>
    <message>
      <source>delivery failed</source>
      <translation>派送失败</translation>
    </message>
    <message>
      <source>label voided</source>
      <translation>面单已作废</translation>
    </message>
    <message>
      <source>cancelled at the carrier</source>
      <translation>承运商已取消</translation>
    </message>
    <message>
      <source>carrier refused the cancel</source>
      <translation>承运商拒绝取消</translation>
    </message>
    <message>
      <source>OK</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>ACTION</source>
      <translation>处理</translation>
    </message>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Parcel</source>
      <translation>包裹</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Tracking number</source>
      <translation>运单号</translation>
    </message>
    <message>
      <source>Box</source>
      <translation>箱型</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>预期重量</translation>
    </message>
    <message>
      <source>Weighed</source>
      <translation>实际重量</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Who</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>What</source>
      <translation>事件</translation>
    </message>
    <message>
      <source>Lookup: scan anything</source>
      <translation>查询：扫描任意条码</translation>
    </message>
    <message>
      <source>Parcels</source>
      <translation>包裹</translation>
    </message>
    <message>
      <source>History</source>
      <translation>历史</translation>
    </message>
    <message>
      <source>Carrier timeline (central)</source>
      <translation>承运商轨迹（中心）</translation>
    </message>
    <message>
      <source>Reprint label (lead)</source>
      <translation>补打面单（主管）</translation>
    </message>
    <message>
      <source>Void label (lead)</source>
      <translation>作废面单（主管）</translation>
    </message>
    <message>
      <source>Back to packing</source>
      <translation>返回打包</translation>
    </message>
    <message>
      <source>Scan an order, parcel, tracking number, tote or SKU, or type the recipient's name or phone.</source>
      <translation>扫描订单、包裹、运单号、周转箱或 SKU，或输入收件人姓名或电话。</translation>
    </message>
    <message>
      <source>No carrier events yet.</source>
      <translation>暂无承运商轨迹。</translation>
    </message>
    <message>
      <source> ({n} orders found: pick one above, or scan its order)</source>
      <translation>（找到 {n} 个订单：在上方选择一个，或扫描其订单号）</translation>
    </message>
    <message>
      <source>Order {order} · {status} · {carrier} · {recipient}{more}</source>
      <translation>订单 {order} · {status} · {carrier} · {recipient}{more}</translation>
    </message>
    <message>
      <source>Asking the central server…</source>
      <translation>正在查询中心服务器…</translation>
    </message>
    <message>
      <source>Central server offline: carrier timeline not available ({note}).</source>
      <translation>中心服务器离线：无法获取承运商轨迹（{note}）。</translation>
    </message>
  </context>
  <context>
    <name>PackScreen</name>
    <message>
      <source>OK</source>
      <translation>通过</translation>
    </message>
    <message>
      <source>ACTION</source>
      <translation>待处理</translation>
    </message>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Confirm box</source>
      <translation>确认纸箱</translation>
    </message>
    <message>
      <source>New parcel</source>
      <translation>新包裹</translation>
    </message>
    <message>
      <source>Close / finish</source>
      <translation>完成 / 结束</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Reprint</source>
      <translation>重打</translation>
    </message>
    <message>
      <source>Retry print</source>
      <translation>重试打印</translation>
    </message>
    <message>
      <source>Override weight</source>
      <translation>放行重量</translation>
    </message>
    <message>
      <source>Clear stop</source>
      <translation>解除停止</translation>
    </message>
    <message>
      <source>Void label</source>
      <translation>作废面单</translation>
    </message>
    <message>
      <source>Commands</source>
      <translation>指令条码</translation>
    </message>
    <message>
      <source>Quantity…</source>
      <translation>数量…</translation>
    </message>
    <message>
      <source>Short pick</source>
      <translation>缺货处理</translation>
    </message>
    <message>
      <source>Print waiting labels</source>
      <translation>打印待出面单</translation>
    </message>
    <message>
      <source>Type a code (lot, serial, damaged barcode) + Enter</source>
      <translation>输入条码（批号、序列号、破损条码）后按回车</translation>
    </message>
    <message>
      <source>Items of the order</source>
      <translation>订单商品</translation>
    </message>
    <message>
      <source>Box</source>
      <translation>纸箱</translation>
    </message>
    <message>
      <source>Scale</source>
      <translation>电子秤</translation>
    </message>
    <message>
      <source>Parcels</source>
      <translation>包裹</translation>
    </message>
    <message>
      <source>Last label</source>
      <translation>最近面单</translation>
    </message>
    <message>
      <source>Staging lane</source>
      <translation>暂存道口</translation>
    </message>
    <message>
      <source>stable</source>
      <translation>稳定</translation>
    </message>
    <message>
      <source>in motion</source>
      <translation>不稳定</translation>
    </message>
    <message>
      <source>scale fault</source>
      <translation>电子秤故障</translation>
    </message>
    <message>
      <source>no scale</source>
      <translation>无电子秤</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Item</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Ordered</source>
      <translation>应发</translation>
    </message>
    <message>
      <source>Scanned</source>
      <translation>已扫</translation>
    </message>
    <message>
      <source>Lot / serial</source>
      <translation>批号 / 序列号</translation>
    </message>
    <message>
      <source>No order open</source>
      <translation>未打开订单</translation>
    </message>
    <message>
      <source>Scan an order, tote or pick list.</source>
      <translation>请扫描订单、周转箱或拣货单。</translation>
    </message>
    <message>
      <source>READY</source>
      <translation>就绪</translation>
    </message>
    <message>
      <source>printed</source>
      <translation>已打印</translation>
    </message>
    <message>
      <source>Last scan: {code} → {meaning}</source>
      <translation>最近扫描：{code} → {meaning}</translation>
    </message>
    <message>
      <source>Order {order}</source>
      <translation>订单 {order}</translation>
    </message>
    <message>
      <source>Cut-off {time}</source>
      <translation>截单 {time}</translation>
    </message>
    <message>
      <source>Box {box} chosen</source>
      <translation>已选纸箱 {box}</translation>
    </message>
    <message>
      <source>Expected {grams} g ± {allowed} g</source>
      <translation>预期 {grams} 克 ± {allowed} 克</translation>
    </message>
    <message>
      <source>Expected {grams} g</source>
      <translation>预期 {grams} 克</translation>
    </message>
    <message>
      <source>Parcel {n}</source>
      <translation>包裹 {n}</translation>
    </message>
    <message>
      <source>{k} items</source>
      <translation>{k} 件</translation>
    </message>
    <message>
      <source>closed</source>
      <translation>已封箱</translation>
    </message>
    <message>
      <source>open</source>
      <translation>打包中</translation>
    </message>
    <message>
      <source>Suggested: {box}</source>
      <translation>建议：{box}</translation>
    </message>
    <message>
      <source>override by {lead}</source>
      <translation>{lead} 放行</translation>
    </message>
    <message>
      <source>billed {kg} kg</source>
      <translation>计费 {kg} kg</translation>
    </message>
  </context>
  <context>
    <name>ReceivingScreen</name>
    <message>
      <source>over</source>
      <translation>多到</translation>
    </message>
    <message>
      <source>short</source>
      <translation>少到</translation>
    </message>
    <message>
      <source>unknown item</source>
      <translation>未知商品</translation>
    </message>
    <message>
      <source>Count each unit; after the first unit of a SKU scan its put-away location.</source>
      <translation>逐件清点；每个 SKU 清点第一件后扫描其上架库位。</translation>
    </message>
    <message>
      <source>Discrepancies (sent to the WMS with the receipt)</source>
      <translation>差异（随收货单发送给 WMS）</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>商品</translation>
    </message>
    <message>
      <source>Expected</source>
      <translation>应收</translation>
    </message>
    <message>
      <source>Counted</source>
      <translation>已点</translation>
    </message>
    <message>
      <source>Over</source>
      <translation>多到</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>库位</translation>
    </message>
    <message>
      <source>Label</source>
      <translation>标签</translation>
    </message>
    <message>
      <source>Print SKU labels</source>
      <translation>打印 SKU 标签</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>QC release</source>
      <translation>质检放行</translation>
    </message>
    <message>
      <source>Returns</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <source>Packing</source>
      <translation>打包</translation>
    </message>
    <message>
      <source>Receiving: scan an inbound notice</source>
      <translation>收货：请扫描入库通知单</translation>
    </message>
    <message>
      <source>print SKU labels</source>
      <translation>需打印 SKU 标签</translation>
    </message>
    <message>
      <source>QC release from {hold}: {passed} passed, {failed} failed</source>
      <translation>从 {hold} 质检放行：{passed} 件合格，{failed} 件不合格</translation>
    </message>
    <message>
      <source> · {sku} waits for its place</source>
      <translation> · {sku} 等待放置位置</translation>
    </message>
    <message>
      <source>Receiving: notice {notice} closed</source>
      <translation>收货：通知单 {notice} 已完成</translation>
    </message>
    <message>
      <source>Receiving notice {notice}</source>
      <translation>正在收货：通知单 {notice}</translation>
    </message>
  </context>
  <context>
    <name>ReturnsScreen</name>
    <message>
      <source>Shipped in this order and not yet returned</source>
      <translation>本订单已发出且尚未退回</translation>
    </message>
    <message>
      <source>Returned items: resellable to a bin, damaged to quarantine</source>
      <translation>退回商品：可再售的上架到库位，损坏的放入隔离区</translation>
    </message>
    <message>
      <source>unwanted</source>
      <translation>不想要了</translation>
    </message>
    <message>
      <source>damaged in transit</source>
      <translation>运输中损坏</translation>
    </message>
    <message>
      <source>wrong item sent</source>
      <translation>发错货</translation>
    </message>
    <message>
      <source>defective</source>
      <translation>质量问题</translation>
    </message>
    <message>
      <source>other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>resellable</source>
      <translation>可再售</translation>
    </message>
    <message>
      <source>refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>exchange</source>
      <translation>换货</translation>
    </message>
    <message>
      <source>Returns: scan the tracking number, order or RMA</source>
      <translation>退货：请扫描运单号、订单号或退货授权号</translation>
    </message>
    <message>
      <source>Return of order {order} {ref} (closed)</source>
      <translation>订单 {order} 的退货 {ref}（已完成）</translation>
    </message>
    <message>
      <source>Return of order {order} {ref}</source>
      <translation>订单 {order} 的退货 {ref}</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>May return</source>
      <translation>可退数量</translation>
    </message>
    <message>
      <source>Returned now</source>
      <translation>本次已退</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Condition</source>
      <translation>状况</translation>
    </message>
    <message>
      <source>Units</source>
      <translation>件数</translation>
    </message>
    <message>
      <source>Goes to</source>
      <translation>去向</translation>
    </message>
    <message>
      <source>grade A</source>
      <translation>A 级</translation>
    </message>
    <message>
      <source>grade B</source>
      <translation>B 级</translation>
    </message>
    <message>
      <source>grade C</source>
      <translation>C 级</translation>
    </message>
    <message>
      <source>missing parts</source>
      <translation>缺配件</translation>
    </message>
    <message>
      <source>Reason: {reason} · Condition: {condition} · Decision: {decision} · Return label: {label}</source>
      <translation>原因：{reason} · 状况：{condition} · 处理：{decision} · 退货面单：{label}</translation>
    </message>
    <message>
      <source>Unwanted</source>
      <translation>不想要了</translation>
    </message>
    <message>
      <source>Damaged in transit</source>
      <translation>运输中损坏</translation>
    </message>
    <message>
      <source>Wrong item sent</source>
      <translation>发错货</translation>
    </message>
    <message>
      <source>Defective</source>
      <translation>质量问题</translation>
    </message>
    <message>
      <source>Other reason</source>
      <translation>其他原因</translation>
    </message>
    <message>
      <source>Resellable</source>
      <translation>可再售</translation>
    </message>
    <message>
      <source>Damaged</source>
      <translation>已损坏</translation>
    </message>
    <message>
      <source>Refund</source>
      <translation>退款</translation>
    </message>
    <message>
      <source>Exchange</source>
      <translation>换货</translation>
    </message>
    <message>
      <source>Print return label</source>
      <translation>打印退货面单</translation>
    </message>
    <message>
      <source>Photo</source>
      <translation>拍照</translation>
    </message>
    <message>
      <source>Close return</source>
      <translation>完成退货</translation>
    </message>
    <message>
      <source>Grade A: like new</source>
      <translation>A 级：全新</translation>
    </message>
    <message>
      <source>Grade B: opened/used</source>
      <translation>B 级：已拆封/使用</translation>
    </message>
    <message>
      <source>Grade C: damaged</source>
      <translation>C 级：损坏</translation>
    </message>
    <message>
      <source>Missing parts</source>
      <translation>缺配件</translation>
    </message>
    <message>
      <source>Receiving</source>
      <translation>收货</translation>
    </message>
    <message>
      <source>Stock</source>
      <translation>库存</translation>
    </message>
    <message>
      <source>Packing</source>
      <translation>打包</translation>
    </message>
    <message>
      <source>scan a location</source>
      <translation>请扫描库位</translation>
    </message>
    <message>
      <source>(waits for a lead's badge)</source>
      <translation>（等待组长扫描工牌）</translation>
    </message>
  </context>
  <context>
    <name>SignatureDialog</name>
    <message>
      <source>Driver's signature</source>
      <translation>司机签字</translation>
    </message>
    <message>
      <source>Driver's name</source>
      <translation>司机姓名</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>清除</translation>
    </message>
    <message>
      <source>Save signature</source>
      <translation>保存签字</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Type the driver's name.</source>
      <translation>请输入司机姓名。</translation>
    </message>
    <message>
      <source>The driver signs in the white box first.</source>
      <translation>请司机先在白框内签字。</translation>
    </message>
    <message>
      <source>Manifest {manifest}: the driver signs for the parcels taken.</source>
      <translation>交接单 {manifest}：司机为取走的包裹签字。</translation>
    </message>
  </context>
  <context>
    <name>StationWindow</name>
    <message>
      <source>STOP</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Packing Station</source>
      <translation>打包工作站</translation>
    </message>
    <message>
      <source>Devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>Lock</source>
      <translation>锁定</translation>
    </message>
    <message>
      <source>No printer is set up.</source>
      <translation>未设置打印机。</translation>
    </message>
    <message>
      <source>Weight override</source>
      <translation>重量放行</translation>
    </message>
    <message>
      <source>A lead accepts this weight. Scan the lead's badge and choose a reason.</source>
      <translation>由组长接受此重量。请扫描组长工牌并选择原因。</translation>
    </message>
    <message>
      <source>Clear wrong-item stop</source>
      <translation>解除错件停止</translation>
    </message>
    <message>
      <source>A lead clears the stop. Scan the lead's badge.</source>
      <translation>由组长解除停止。请扫描组长工牌。</translation>
    </message>
    <message>
      <source>Void label</source>
      <translation>作废面单</translation>
    </message>
    <message>
      <source>The tracking number is voided and never reused.</source>
      <translation>运单号作废后永不再用。</translation>
    </message>
    <message>
      <source>Items missing</source>
      <translation>缺货</translation>
    </message>
    <message>
      <source>A lead decides what happens to this order. Scan the lead's badge.</source>
      <translation>由组长决定此订单如何处理。请扫描组长工牌。</translation>
    </message>
    <message>
      <source>Could not {what}: {message}</source>
      <translation>无法{what}：{message}</translation>
    </message>
    <message>
      <source>Saved {path}: print it and keep it at the bench.</source>
      <translation>已保存 {path}：请打印并放在工作台旁。</translation>
    </message>
    <message>
      <source>Item set aside</source>
      <translation>商品已放到一边</translation>
    </message>
    <message>
      <source>Packing Station · {station}</source>
      <translation>打包工作站 · {station}</translation>
    </message>
  </context>
  <context>
    <name>StatusBar</name>
    <message>
      <source>Scale</source>
      <translation>电子秤</translation>
    </message>
    <message>
      <source>Printer</source>
      <translation>打印机</translation>
    </message>
    <message>
      <source>Scanner</source>
      <translation>扫描枪</translation>
    </message>
    <message>
      <source>Camera</source>
      <translation>摄像头</translation>
    </message>
    <message>
      <source>ok</source>
      <translation>正常</translation>
    </message>
    <message>
      <source>fault</source>
      <translation>故障</translation>
    </message>
    <message>
      <source>connecting</source>
      <translation>连接中</translation>
    </message>
    <message>
      <source>not set up</source>
      <translation>未设置</translation>
    </message>
    <message>
      <source>Pool: —</source>
      <translation>号段：—</translation>
    </message>
    <message>
      <source>Central: checking</source>
      <translation>中央：检查中</translation>
    </message>
    <message>
      <source>Central: OFFLINE</source>
      <translation>中央：离线</translation>
    </message>
    <message>
      <source>To send: {n}</source>
      <translation>待发送：{n}</translation>
    </message>
    <message>
      <source>Refused by central: {n}</source>
      <translation>被中心拒收：{n}</translation>
    </message>
    <message>
      <source>Central: online</source>
      <translation>中央：在线</translation>
    </message>
    <message>
      <source>Pool: {n}</source>
      <translation>号段：{n}</translation>
    </message>
    <message>
      <source>Central: token refused (ask IT to enrol again)</source>
      <translation>中心：令牌被拒（请 IT 重新注册）</translation>
    </message>
    <message>
      <source>Central: no API token (ask IT to enrol this station)</source>
      <translation>中心：没有 API 令牌（请 IT 为本工位注册）</translation>
    </message>
    <message>
      <source>Central: wrong address or proxy</source>
      <translation>中心：地址或代理错误</translation>
    </message>
    <message>
      <source>Central: certificate not trusted</source>
      <translation>中心：证书不受信任</translation>
    </message>
    <message>
      <source>Central: server error</source>
      <translation>中心：服务器错误</translation>
    </message>
    <message>
      <source>Central: busy</source>
      <translation>中心：繁忙</translation>
    </message>
    <message>
      <source>Central: no answer</source>
      <translation>中心：无响应</translation>
    </message>
  </context>
  <context>
    <name>StockScreen</name>
    <message>
      <source>Stock by SKU and location</source>
      <translation>按 SKU 和库位的库存</translation>
    </message>
    <message>
      <source>SKU, or scan a product</source>
      <translation>输入 SKU 或扫描商品</translation>
    </message>
    <message>
      <source>Replenishment alerts (computed by central; quarantine does not count)</source>
      <translation>补货提醒（由中心计算；隔离区不计入）</translation>
    </message>
    <message>
      <source>Quantity by location</source>
      <translation>各库位数量</translation>
    </message>
    <message>
      <source>SKU</source>
      <translation>SKU</translation>
    </message>
    <message>
      <source>Available</source>
      <translation>可用</translation>
    </message>
    <message>
      <source>Minimum</source>
      <translation>最低库存</translation>
    </message>
    <message>
      <source>Replenish</source>
      <translation>需补货</translation>
    </message>
    <message>
      <source>Location</source>
      <translation>库位</translation>
    </message>
    <message>
      <source>Quantity</source>
      <translation>数量</translation>
    </message>
    <message>
      <source>Refresh</source>
      <translation>刷新</translation>
    </message>
    <message>
      <source>Receiving</source>
      <translation>收货</translation>
    </message>
    <message>
      <source>Returns</source>
      <translation>退货</translation>
    </message>
    <message>
      <source>Packing</source>
      <translation>打包</translation>
    </message>
  </context>
  <context>
    <name>station</name>
    <message>
      <source>Carrier {carrier} has no service {service!r}: check the order's service.</source>
      <translation>承运商 {carrier} 没有服务 {service!r}：请检查订单的服务。</translation>
    </message>
    <message>
      <source>Carrier {code!r} is not set up on this station: ask IT to sync carriers.</source>
      <translation>承运商 {code!r} 未在本工作站设置：请联系 IT 同步承运商。</translation>
    </message>
    <message>
      <source>Packing Station bench software</source>
      <translation>打包工作站软件</translation>
    </message>
    <message>
      <source>run against a local demo server</source>
      <translation>连接本地演示服务器运行</translation>
    </message>
    <message>
      <source>read this settings file</source>
      <translation>读取此设置文件</translation>
    </message>
    <message>
      <source>start the station window</source>
      <translation>启动工作站窗口</translation>
    </message>
    <message>
      <source>check settings, database, devices and central</source>
      <translation>检查设置、数据库、设备和中央服务器</translation>
    </message>
    <message>
      <source>skip the central check</source>
      <translation>跳过中央服务器检查</translation>
    </message>
    <message>
      <source>write logs, settings (without secrets), versions and database state to a zip</source>
      <translation>将日志、设置（不含机密）、版本和数据库状态写入 zip 文件</translation>
    </message>
    <message>
      <source>get this station's API token with a one-time code</source>
      <translation>用一次性注册码获取本工作站的 API 令牌</translation>
    </message>
    <message>
      <source>the central server, e.g. https://wms.example.com</source>
      <translation>中央服务器，例如 https://wms.example.com</translation>
    </message>
    <message>
      <source>the one-time enrolment code IT was given</source>
      <translation>IT 提供的一次性注册码</translation>
    </message>
    <message>
      <source>for every OS user of this PC (run as root or administrator)</source>
      <translation>供本机所有系统用户使用（需以 root 或管理员身份运行）</translation>
    </message>
    <message>
      <source>accept a plain http:// address outside this machine</source>
      <translation>允许使用本机以外的明文 http:// 地址</translation>
    </message>
    <message>
      <source>pack demo orders through the core in a temporary database</source>
      <translation>在临时数据库中用核心流程打包演示订单</translation>
    </message>
    <message>
      <source>database maintenance</source>
      <translation>数据库维护</translation>
    </message>
    <message>
      <source>create or migrate the station database</source>
      <translation>创建或升级工作站数据库</translation>
    </message>
    <message>
      <source>error: the station window is not part of this command; run 'station'</source>
      <translation>错误：此命令不包含工作站窗口；请运行 'station'</translation>
    </message>
    <message>
      <source>database {path} is at revision {rev}</source>
      <translation>数据库 {path} 的版本为 {rev}</translation>
    </message>
    <message>
      <source>backed up {path} to {backup}</source>
      <translation>已将 {path} 备份到 {backup}</translation>
    </message>
    <message>
      <source>support bundle written to {path}</source>
      <translation>支持包已写入 {path}</translation>
    </message>
    <message>
      <source>station {station} is enrolled with {url} for every user of this computer; its API token is in {path} (group packing-station only)</source>
      <translation>工作站 {station} 已为本机所有用户注册到 {url}；其 API 令牌保存在 {path}（仅 packing-station 组可读）</translation>
    </message>
    <message>
      <source>station {station} is enrolled with {url}; its API token is in the keyring</source>
      <translation>工作站 {station} 已在 {url} 注册；其 API 令牌已存入密钥环</translation>
    </message>
    <message>
      <source>set station_id = "{station}" and [central] url = "{url}" in the station's settings file</source>
      <translation>请在工作站设置文件中设置 station_id = "{station}" 和 [central] url = "{url}"</translation>
    </message>
    <message>
      <source>error: {message}</source>
      <translation>错误：{message}</translation>
    </message>
    <message>
      <source>error in the settings:
{message}</source>
      <translation>设置有误：
{message}</translation>
    </message>
    <message>
      <source>unknown setting</source>
      <translation>未知设置项</translation>
    </message>
    <message>
      <source>defaults</source>
      <translation>默认值</translation>
    </message>
    <message>
      <source>{source}: setting '{key}': {message}</source>
      <translation>{source}：设置项 '{key}'：{message}</translation>
    </message>
    <message>
      <source>{file}: not valid TOML ({error})</source>
      <translation>{file}：不是有效的 TOML（{error}）</translation>
    </message>
    <message>
      <source>{file}: cannot be read ({error})</source>
      <translation>{file}：无法读取（{error}）</translation>
    </message>
    <message>
      <source>Connected; waiting for the device to answer.</source>
      <translation>已连接；等待设备应答。</translation>
    </message>
    <message>
      <source>The scale does not answer.</source>
      <translation>电子秤没有应答。</translation>
    </message>
    <message>
      <source>database</source>
      <translation>数据库</translation>
    </message>
    <message>
      <source>pack videos</source>
      <translation>打包视频</translation>
    </message>
    <message>
      <source>audit trail</source>
      <translation>审计记录</translation>
    </message>
    <message>
      <source>no settings file (defaults)</source>
      <translation>没有设置文件（使用默认值）</translation>
    </message>
    <message>
      <source>settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>reachable; the station token is accepted</source>
      <translation>可以连接；工作站令牌已被接受</translation>
    </message>
    <message>
      <source>read {files}</source>
      <translation>已读取 {files}</translation>
    </message>
    <message>
      <source>central {url}</source>
      <translation>中央服务器 {url}</translation>
    </message>
    <message>
      <source>camera {uri}</source>
      <translation>摄像头 {uri}</translation>
    </message>
    <message>
      <source>print component {uri}</source>
      <translation>打印组件 {uri}</translation>
    </message>
    <message>
      <source>the print component lists no printer</source>
      <translation>打印组件中没有任何打印机</translation>
    </message>
    <message>
      <source>{path} at revision {rev}</source>
      <translation>{path} 的版本为 {rev}</translation>
    </message>
    <message>
      <source>devices</source>
      <translation>设备</translation>
    </message>
    <message>
      <source>no scale, printer or serial scanner configured</source>
      <translation>未配置电子秤、打印机或串口扫描枪</translation>
    </message>
    <message>
      <source>Connected, but the device never answered.</source>
      <translation>已连接，但设备始终没有应答。</translation>
    </message>
    <message>
      <source>sends {width}×{height} pictures</source>
      <translation>画面 {width}×{height} 正常</translation>
    </message>
    <message>
      <source>answers; printers: {names}</source>
      <translation>有应答；打印机：{names}</translation>
    </message>
    <message>
      <source>the {n} newest clips are unchanged since recorded</source>
      <translation>最新的 {n} 段视频自录制以来未被改动</translation>
    </message>
    <message>
      <source>{n} rows, hash chain intact, central's anchor at row {row} matches</source>
      <translation>{n} 行，哈希链完整，与中心在第 {row} 行的锚点一致</translation>
    </message>
    <message>
      <source>set: {keys}</source>
      <translation>已设置：{keys}</translation>
    </message>
    <message>
      <source>site settings file {file} not found</source>
      <translation>未找到站点设置文件 {file}</translation>
    </message>
    <message>
      <source>{path} does not exist: run 'station db upgrade'</source>
      <translation>{path} 不存在：请运行 'station db upgrade'</translation>
    </message>
    <message>
      <source>{path} is not writable</source>
      <translation>{path} 不可写</translation>
    </message>
    <message>
      <source>{path} failed its integrity check: {result}</source>
      <translation>{path} 完整性检查失败：{result}</translation>
    </message>
    <message>
      <source>{path} is at revision {rev}, older than this station: run 'station db upgrade'</source>
      <translation>{path} 的版本为 {rev}，比本工作站旧：请运行 'station db upgrade'</translation>
    </message>
    <message>
      <source>the print component has no printer {name} (it has: {names})</source>
      <translation>打印组件中没有打印机 {name}（现有：{names}）</translation>
    </message>
    <message>
      <source>{n} of the {total} newest clips are missing or changed since they were recorded, e.g. clip {clip} of {order} ({path})</source>
      <translation>最新的 {total} 段视频中有 {n} 段丢失或自录制后被改动，例如订单 {order} 的视频 {clip}（{path}）</translation>
    </message>
    <message>
      <source>audit row {row} does not match the hash chain: it or an earlier row was changed or removed ({n} rows before it are intact)</source>
      <translation>审计记录第 {row} 行与哈希链不符：该行或更早的行已被修改或删除（其前 {n} 行完好）</translation>
    </message>
    <message>
      <source>the audit trail no longer holds row {row} as central anchored it on {at}: rows were rewritten, cut off or emptied since</source>
      <translation>审计记录中第 {row} 行已与中心在 {at} 锚定的内容不符：之后有记录被改写、截断或清空</translation>
    </message>
    <message>
      <source>{n} rows, hash chain intact (not compared with central's anchor)</source>
      <translation>{n} 行，哈希链完整（未与中心锚点比对）</translation>
    </message>
    <message>
      <source>{path} is at revision {rev}, made by a newer station than this one: install that station version again, or restore the backup taken before its upgrade (the file is left untouched)</source>
      <translation>{path} 的版本为 {rev}，由比本工作站更新的版本写入：请重新安装该版本，或恢复升级前的备份（文件未被改动）</translation>
    </message>
    <message>
      <source>no answer from the print component ({why}): is it installed and running?</source>
      <translation>打印组件无应答（{why}）：是否已安装并在运行？</translation>
    </message>
    <message>
      <source>{tracking} handed over: {scanned} on the manifest.</source>
      <translation>{tracking} 已交接：交接单上共 {scanned} 件。</translation>
    </message>
    <message>
      <source>Manifest {manifest} is closed. A lead reopens it to add parcels.</source>
      <translation>交接单 {manifest} 已关闭。需主管重新打开才能加包裹。</translation>
    </message>
    <message>
      <source>Unknown parcel {tracking}: not labelled at this warehouse. Take it back.</source>
      <translation>未知包裹 {tracking}：不是本仓贴单的。请拿回。</translation>
    </message>
    <message>
      <source>{tracking} was already scanned onto this manifest.</source>
      <translation>{tracking} 已扫入本交接单。</translation>
    </message>
    <message>
      <source>{tracking} belongs to warehouse {warehouse}, not this one. Take it back.</source>
      <translation>{tracking} 属于仓库 {warehouse}，不是本仓。请拿回。</translation>
    </message>
    <message>
      <source>{tracking} was already shipped on manifest {manifest}.</source>
      <translation>{tracking} 已随交接单 {manifest} 发出。</translation>
    </message>
    <message>
      <source>{tracking} is on open manifest {manifest} already. Take it back.</source>
      <translation>{tracking} 已在未关闭的交接单 {manifest} 上。请拿回。</translation>
    </message>
    <message>
      <source>VOIDED label {tracking} (order {order}): take it back, it must not ship.</source>
      <translation>已作废面单 {tracking}（订单 {order}）：请拿回，不得发出。</translation>
    </message>
    <message>
      <source>{tracking} goes with {carrier}, not {manifest_carrier}. Take it back.</source>
      <translation>{tracking} 应交给 {carrier}，不是 {manifest_carrier}。请拿回。</translation>
    </message>
    <message>
      <source>Order {order} is {status}: {tracking} must not ship. Take it back.</source>
      <translation>订单 {order} 状态为 {status}：{tracking} 不得发出。请拿回。</translation>
    </message>
    <message>
      <source>{tracking} has no printed label on record. Take it back.</source>
      <translation>{tracking} 没有打印面单记录。请拿回。</translation>
    </message>
    <message>
      <source>{name}: {packed} of {ordered}.</source>
      <translation>{name}：已扫 {packed} / 应发 {ordered}。</translation>
    </message>
    <message>
      <source>Unknown code {code}: it is not an item, box, order or command.</source>
      <translation>未知条码 {code}：不是商品、纸箱、订单或指令。</translation>
    </message>
    <message>
      <source>A wrong item is waiting: put it aside, then scan the order barcode or call a lead.</source>
      <translation>有错件待处理：请放到一边，然后扫描订单条码或呼叫组长。</translation>
    </message>
    <message>
      <source>Scan the {what} of the last item first, or CANCEL.</source>
      <translation>请先扫描上一件商品的{what}，或扫描 CANCEL。</translation>
    </message>
    <message>
      <source>Everything is packed: this item is one too many.</source>
      <translation>已全部打包：这件是多出来的。</translation>
    </message>
    <message>
      <source>All items packed: scan CLOSE to choose the box.</source>
      <translation>商品已全部扫完：请扫描 CLOSE 选择纸箱。</translation>
    </message>
    <message>
      <source>Wrong item: {name} is not in order {order}. Put it aside, then scan the order barcode or call a lead.</source>
      <translation>错件：{name} 不属于订单 {order}。请放到一边，然后扫描订单条码或呼叫组长。</translation>
    </message>
    <message>
      <source>{sku} is not in this order.</source>
      <translation>{sku} 不在本订单中。</translation>
    </message>
    <message>
      <source>{sku} must be scanned; typing a quantity is only for bulk goods.</source>
      <translation>{sku} 必须扫描；只有散装商品可以输入数量。</translation>
    </message>
    <message>
      <source>{sku} needs a serial per unit: scan each unit.</source>
      <translation>{sku} 每件都需要序列号：请逐件扫描。</translation>
    </message>
    <message>
      <source>A quantity must be a whole number above 0.</source>
      <translation>数量必须是大于 0 的整数。</translation>
    </message>
    <message>
      <source>{units} units of {name} is more than the {left} still needed. Nothing was counted.</source>
      <translation>{name} {units} 件超过仍需的 {left} 件。未计数。</translation>
    </message>
    <message>
      <source>{name} needs a serial number per unit: open the pack and scan each unit.</source>
      <translation>{name} 每件都需要序列号：请拆开包装逐件扫描。</translation>
    </message>
    <message>
      <source>Serial {serial} is already packed.</source>
      <translation>序列号 {serial} 已打包。</translation>
    </message>
    <message>
      <source>Scan or type the {what} of {name}.</source>
      <translation>请扫描或输入 {name} 的{what}。</translation>
    </message>
    <message>
      <source>That does not look like a lot or serial number (1 to 64 printable characters).</source>
      <translation>这不像批号或序列号（1 到 64 个可打印字符）。</translation>
    </message>
    <message>
      <source>All {ordered} of {name} are already packed: this one is too many.</source>
      <translation>{name} 共 {ordered} 件已全部打包：这件是多出来的。</translation>
    </message>
    <message>
      <source>Lot {lot} noted. Scan or type the serial number.</source>
      <translation>已记录批号 {lot}。请扫描或输入序列号。</translation>
    </message>
    <message>
      <source>{sku}: scan a bin if it passed QC, the quarantine if it failed.</source>
      <translation>{sku}：质检合格请扫描库位，不合格请扫描隔离区。</translation>
    </message>
    <message>
      <source>QC release ended: {passed} passed, {failed} failed.</source>
      <translation>质检放行结束：{passed} 件合格，{failed} 件不合格。</translation>
    </message>
    <message>
      <source>{sku} failed QC: to quarantine {location}.</source>
      <translation>{sku} 质检不合格：放入隔离区 {location}。</translation>
    </message>
    <message>
      <source>Scan the QC hold the goods are in first.</source>
      <translation>请先扫描货物所在的质检待检区。</translation>
    </message>
    <message>
      <source>Put {sku} away first: scan a bin (passed) or the quarantine (failed).</source>
      <translation>请先放好 {sku}：扫描库位（合格）或隔离区（不合格）。</translation>
    </message>
    <message>
      <source>QC release ended: {passed} passed, {failed} failed; {sku} stays in the QC hold.</source>
      <translation>质检放行结束：{passed} 件合格，{failed} 件不合格；{sku} 留在质检待检区。</translation>
    </message>
    <message>
      <source>Location {location} does not exist. Scan a location label of this warehouse.</source>
      <translation>库位 {location} 不存在。请扫描本仓库的库位标签。</translation>
    </message>
    <message>
      <source>QC hold {location}: scan an item.</source>
      <translation>质检待检区 {location}：请扫描商品。</translation>
    </message>
    <message>
      <source>Scan an item from {hold} first, then where it goes.</source>
      <translation>请先扫描 {hold} 中的商品，再扫描它的去向。</translation>
    </message>
    <message>
      <source>{sku} goes to a bin (passed QC) or the quarantine (failed QC); {location} is neither.</source>
      <translation>{sku} 应放入库位（质检合格）或隔离区（质检不合格）；{location} 两者都不是。</translation>
    </message>
    <message>
      <source>{sku} passed QC: to {location}.</source>
      <translation>{sku} 质检合格：放入 {location}。</translation>
    </message>
    <message>
      <source>{location} is not a QC hold: scan the QC hold the goods are in.</source>
      <translation>{location} 不是质检待检区：请扫描货物所在的质检待检区。</translation>
    </message>
    <message>
      <source>Counted {sku}: {done} of {expected}, to {location}.</source>
      <translation>已点 {sku}：{done} / {expected}，上架到 {location}。</translation>
    </message>
    <message>
      <source>{code} is no known product: set it aside. Recorded as a discrepancy.</source>
      <translation>{code} 不是已知商品：请放到一边。已记为差异。</translation>
    </message>
    <message>
      <source>{sku} goes to {location}.</source>
      <translation>{sku} 上架到 {location}。</translation>
    </message>
    <message>
      <source>Receipt {notice} closed: everything as announced.</source>
      <translation>收货单 {notice} 已完成：与通知一致。</translation>
    </message>
    <message>
      <source>Receipt {notice} is closed.</source>
      <translation>收货单 {notice} 已关闭。</translation>
    </message>
    <message>
      <source>A count must be at least 1.</source>
      <translation>数量至少为 1。</translation>
    </message>
    <message>
      <source>{sku} is received with its lot: scan the lot (or the GS1 code with lot and expiry) printed on the pack.</source>
      <translation>{sku} 收货需要批号：请扫描包装上的批号（或带批号和有效期的 GS1 条码）。</translation>
    </message>
    <message>
      <source>{sku} is not on notice {notice}: set it aside. Recorded as a discrepancy.</source>
      <translation>{sku} 不在通知单 {notice} 上：请放到一边。已记为差异。</translation>
    </message>
    <message>
      <source>More units of {sku} than notice {notice} announced ({expected}): set {extra} aside. Recorded as over-delivery, not put away.</source>
      <translation>{sku} 的数量超过通知单 {notice} 的 {expected} 件：请把多出的 {extra} 件放到一边。已记为多到，不上架。</translation>
    </message>
    <message>
      <source>Counted {sku}: {done} of {expected}. Scan its put-away location: it was last put away to {suggested}.</source>
      <translation>已点数 {sku}：{done} / {expected}。请扫描上架库位：上次放在 {suggested}。</translation>
    </message>
    <message>
      <source>Counted {sku}: {done} of {expected}. Scan its put-away location.</source>
      <translation>已点 {sku}：{done} / {expected}。请扫描上架库位。</translation>
    </message>
    <message>
      <source>{location} is not a storage bin: received goods are put away to a bin or a QC hold.</source>
      <translation>{location} 不是库位：收货商品须上架到库位或质检待检区。</translation>
    </message>
    <message>
      <source>Scan an item first, then its location.</source>
      <translation>请先扫描商品，再扫描库位。</translation>
    </message>
    <message>
      <source>{sku} already goes to {location}.</source>
      <translation>{sku} 已设定上架到 {location}。</translation>
    </message>
    <message>
      <source>{sku} goes to QC hold {location}: not for orders until it passes QC.</source>
      <translation>{sku} 放入质检待检区 {location}：质检合格前不可用于订单。</translation>
    </message>
    <message>
      <source>Receipt {notice} is already closed.</source>
      <translation>收货单 {notice} 已经完成。</translation>
    </message>
    <message>
      <source>Nothing is counted yet.</source>
      <translation>还没有清点任何商品。</translation>
    </message>
    <message>
      <source>Scan the put-away location of {sku} before closing.</source>
      <translation>完成前请扫描 {sku} 的上架库位。</translation>
    </message>
    <message>
      <source>Receipt {notice} closed with {n} discrepancies; they go to the WMS with it, and the {short} units not found stay announced as a backorder notice.</source>
      <translation>收货单 {notice} 已关闭，有 {n} 处差异，将一并发送给 WMS；未到的 {short} 件保留为补货到货通知。</translation>
    </message>
    <message>
      <source>Receipt {notice} closed with {n} discrepancies; they go to the WMS with it.</source>
      <translation>收货单 {notice} 已完成，有 {n} 项差异，将一并发送给 WMS。</translation>
    </message>
    <message>
      <source>Reason: {reason}. Scan the condition, then the items.</source>
      <translation>原因：{reason}。请扫描状况，再扫描商品。</translation>
    </message>
    <message>
      <source>Condition: {condition}. Scan the items.</source>
      <translation>状况：{condition}。请扫描商品。</translation>
    </message>
    <message>
      <source>Grade {grade} ({condition}). Scan the items.</source>
      <translation>等级 {grade}（{condition}）。请扫描商品。</translation>
    </message>
    <message>
      <source>{sku} returned ({reason}, {condition}). Scan a storage bin to restock it.</source>
      <translation>{sku} 已退回（{reason}，{condition}）。请扫描存储库位重新上架。</translation>
    </message>
    <message>
      <source>{sku} returned ({reason}, {condition}). Scan the quarantine location.</source>
      <translation>{sku} 已退回（{reason}，{condition}）。请扫描隔离区库位。</translation>
    </message>
    <message>
      <source>{n} item(s) go to {location}.</source>
      <translation>{n} 件放到 {location}。</translation>
    </message>
    <message>
      <source>Decision for the seller: {decision}.</source>
      <translation>给卖家的处理决定：{decision}。</translation>
    </message>
    <message>
      <source>Return of order {order} recorded: {decision}.</source>
      <translation>订单 {order} 的退货已记录：{decision}。</translation>
    </message>
    <message>
      <source>Return of order {order} cancelled: nothing was recorded.</source>
      <translation>订单 {order} 的退货已取消：没有记录任何内容。</translation>
    </message>
    <message>
      <source>{reason} is not a return reason.</source>
      <translation>{reason} 不是退货原因。</translation>
    </message>
    <message>
      <source>{condition} is not a condition.</source>
      <translation>{condition} 不是有效状况。</translation>
    </message>
    <message>
      <source>{grade} is not a grade.</source>
      <translation>{grade} 不是有效等级。</translation>
    </message>
    <message>
      <source>This return is closed.</source>
      <translation>该退货已完成。</translation>
    </message>
    <message>
      <source>Scan the reason and the condition first, then the item.</source>
      <translation>请先扫描原因和状况，再扫描商品。</translation>
    </message>
    <message>
      <source>{sku} was not shipped in order {order}: set it aside.</source>
      <translation>订单 {order} 没有发出 {sku}：请放到一边。</translation>
    </message>
    <message>
      <source>Order {order} shipped only {left} more of {sku}: this unit is not counted.</source>
      <translation>订单 {order} 的 {sku} 最多还能退 {left} 件：这一件不计入。</translation>
    </message>
    <message>
      <source>Scan an item first.</source>
      <translation>请先扫描商品。</translation>
    </message>
    <message>
      <source>Damaged goods go to quarantine, resellable goods to a storage bin: {location} does not fit.</source>
      <translation>损坏商品放入隔离区，可再售商品放入存储库位：{location} 不符合。</translation>
    </message>
    <message>
      <source>{decision} is not a decision.</source>
      <translation>{decision} 不是有效的处理决定。</translation>
    </message>
    <message>
      <source>This return is already closed.</source>
      <translation>该退货已经完成。</translation>
    </message>
    <message>
      <source>Scan the returned items.</source>
      <translation>请扫描退回的商品。</translation>
    </message>
    <message>
      <source>Scan where the returned items go (a bin or quarantine) before closing.</source>
      <translation>完成前请扫描退回商品的去向（存储库位或隔离区）。</translation>
    </message>
    <message>
      <source>Scan REFUND or EXCHANGE before closing.</source>
      <translation>完成前请扫描“退款”或“换货”。</translation>
    </message>
    <message>
      <source>Items of this return are recorded already: place them and close it (CLOSE).</source>
      <translation>该退货已记录了商品：请上架后关闭（CLOSE）。</translation>
    </message>
    <message>
      <source>Order {order} is {status}: do not ship it. Put the items aside for a lead.</source>
      <translation>订单 {order} 状态为 {status}：请勿发货。请将商品放到一边交给组长。</translation>
    </message>
    <message>
      <source>Order {order} opened: scan the items.</source>
      <translation>订单 {order} 已打开：请扫描商品。</translation>
    </message>
    <message>
      <source>Order {order} is open.</source>
      <translation>订单 {order} 已打开。</translation>
    </message>
    <message>
      <source>{code} belongs to another order. Finish order {order} first.</source>
      <translation>{code} 属于其他订单。请先完成订单 {order}。</translation>
    </message>
    <message>
      <source>Wrong item set aside. Carry on.</source>
      <translation>错件已放到一边。请继续。</translation>
    </message>
    <message>
      <source>There is nothing to confirm now.</source>
      <translation>当前没有需要确认的内容。</translation>
    </message>
    <message>
      <source>There is nothing to cancel now.</source>
      <translation>当前没有可取消的内容。</translation>
    </message>
    <message>
      <source>{box}: put the parcel on the scale (expected {grams} g).</source>
      <translation>{box}：请将包裹放上电子秤（预期 {grams} 克）。</translation>
    </message>
    <message>
      <source>{box} looks too small for these items by our data. If they fit, put the parcel on the scale (expected {grams} g).</source>
      <translation>按数据 {box} 可能装不下这些商品。如能装下，请将包裹放上电子秤（预期 {grams} 克）。</translation>
    </message>
    <message>
      <source>Weight {grams} g is outside tolerance (expected {expected} g ± {allowed} g). Check the parcel and weigh again, or a lead may override with a reason.</source>
      <translation>重量 {grams} 克超出允差（预期 {expected} 克 ± {allowed} 克）。请检查包裹后重新称重，或由组长填写原因放行。</translation>
    </message>
    <message>
      <source>Weight accepted by {lead}. Parcel {n} is ready to label.</source>
      <translation>{lead} 已接受重量。包裹 {n} 可以打印面单。</translation>
    </message>
    <message>
      <source>Order {order} put aside by {lead}: take it off the bench to the lead's shelf.</source>
      <translation>订单 {order} 已由 {lead} 搁置：请把它从工位拿到组长的货架上。</translation>
    </message>
    <message>
      <source>Order {order} is packed; its {carrier} label cannot be had until the central server answers. Put the parcels on the waiting shelf and go on with the next order; scan PRINT-WAITING when the network is back.</source>
      <translation>订单 {order} 已打包；在中心服务器恢复应答前无法获取其 {carrier} 面单。请把包裹放到待面单货架，继续下一单；网络恢复后扫描 PRINT-WAITING。</translation>
    </message>
    <message>
      <source>Printing the waiting labels of order {order}: take its parcels from the waiting shelf.</source>
      <translation>正在打印订单 {order} 的待出面单：请从待面单货架取出其包裹。</translation>
    </message>
    <message>
      <source>Order {order} packed.</source>
      <translation>订单 {order} 打包完成。</translation>
    </message>
    <message>
      <source>No box in the catalogue fits: scan a box barcode.</source>
      <translation>目录中没有合适的纸箱：请扫描纸箱条码。</translation>
    </message>
    <message>
      <source>Suggested box: {box}. Scan CONFIRM to use it, or scan another box.</source>
      <translation>建议纸箱：{box}。扫描 CONFIRM 使用，或扫描其他纸箱。</translation>
    </message>
    <message>
      <source>Order {order} is {status} and cannot be packed again.</source>
      <translation>订单 {order} 状态为 {status}，不能再次打包。</translation>
    </message>
    <message>
      <source>There is nothing to acknowledge.</source>
      <translation>没有需要确认的内容。</translation>
    </message>
    <message>
      <source>Items missing: {missing}. A lead must decide: ship partial, hold or return to pick.</source>
      <translation>缺货：{missing}。需组长决定：部分发货、挂起或退回拣货。</translation>
    </message>
    <message>
      <source>This parcel is empty: scan items into it.</source>
      <translation>该包裹是空的：请扫描商品装入。</translation>
    </message>
    <message>
      <source>All items are packed: scan CLOSE.</source>
      <translation>商品已全部打包：请扫描 CLOSE。</translation>
    </message>
    <message>
      <source>Item not counted: put it back.</source>
      <translation>商品未计数：请放回。</translation>
    </message>
    <message>
      <source>Back to scanning this parcel.</source>
      <translation>返回扫描该包裹。</translation>
    </message>
    <message>
      <source>Back to scanning: scan the items you found.</source>
      <translation>返回扫描：请扫描找到的商品。</translation>
    </message>
    <message>
      <source>The scale reading {grams} g is not a parcel weight. Check the scale.</source>
      <translation>电子秤读数 {grams} 克不是包裹重量。请检查电子秤。</translation>
    </message>
    <message>
      <source>Parcel {n}: {grams} g is within tolerance. Ready to label.</source>
      <translation>包裹 {n}：{grams} 克在允差内。可以打印面单。</translation>
    </message>
    <message>
      <source>There is no weight to override now.</source>
      <translation>当前没有需要放行的重量。</translation>
    </message>
    <message>
      <source>Give a reason for the weight override.</source>
      <translation>请填写重量放行的原因。</translation>
    </message>
    <message>
      <source>There is no short pick to decide.</source>
      <translation>没有需要处理的缺货。</translation>
    </message>
    <message>
      <source>Unknown decision {d}.</source>
      <translation>未知的决定 {d}。</translation>
    </message>
    <message>
      <source>Nothing is packed: choose hold or return to pick.</source>
      <translation>尚未打包任何商品：请选择挂起或退回拣货。</translation>
    </message>
    <message>
      <source>No order is open.</source>
      <translation>没有打开的订单。</translation>
    </message>
    <message>
      <source>Scan the items first.</source>
      <translation>请先扫描商品。</translation>
    </message>
    <message>
      <source>Items are still missing: scan NEW-PARCEL to close this box and go on, or CLOSE.</source>
      <translation>还有商品未扫：扫描 NEW-PARCEL 封箱并继续，或扫描 CLOSE。</translation>
    </message>
    <message>
      <source>This pack session has ended.</source>
      <translation>本次打包已结束。</translation>
    </message>
    <message>
      <source>the pack evidence add-on is not installed (PyAV): no pack video is recorded. Install packing-station-evidence, or pip install 'packing-station[evidence]'.</source>
      <translation>未安装打包录像附加组件（PyAV）：不会录制打包视频。请安装 packing-station-evidence，或执行 pip install 'packing-station[evidence]'。</translation>
    </message>
    <message>
      <source>The camera did not start in time.</source>
      <translation>摄像头未能及时启动。</translation>
    </message>
    <message>
      <source>Opening the camera…</source>
      <translation>正在打开摄像头…</translation>
    </message>
    <message>
      <source>The recorder is not running.</source>
      <translation>录像进程未运行。</translation>
    </message>
    <message>
      <source>Order {order} · Tracking {tracking}</source>
      <translation>订单 {order} · 运单 {tracking}</translation>
    </message>
    <message>
      <source>Operator {operator} · Station {station} · {time}</source>
      <translation>操作员 {operator} · 工位 {station} · {time}</translation>
    </message>
    <message>
      <source>Pack evidence needs PyAV and numpy: pip install 'packing-station[evidence]'.</source>
      <translation>打包取证需要 PyAV 和 numpy：pip install 'packing-station[evidence]'。</translation>
    </message>
    <message>
      <source>station closed</source>
      <translation>工位已关闭</translation>
    </message>
    <message>
      <source>The recorder stopped while opening the camera.</source>
      <translation>录像进程在打开摄像头时停止。</translation>
    </message>
    <message>
      <source>the recorder stopped mid-clip</source>
      <translation>录像进程在录制中途停止</translation>
    </message>
    <message>
      <source>the recorder stopped before writing</source>
      <translation>录像进程在写入前停止</translation>
    </message>
    <message>
      <source>next order opened</source>
      <translation>已打开下一个订单</translation>
    </message>
    <message>
      <source>Order {order} · {note}</source>
      <translation>订单 {order} · {note}</translation>
    </message>
    <message>
      <source>No pack evidence: {error}</source>
      <translation>无法打包取证：{error}</translation>
    </message>
    <message>
      <source>the pack ended before the camera's first picture</source>
      <translation>打包在摄像头拍到第一帧之前已结束</translation>
    </message>
    <message>
      <source>Printer language {lang!r} is not supported: use ZPL, TSPL or ESC/POS.</source>
      <translation>不支持打印机语言 {lang!r}：请使用 ZPL、TSPL 或 ESC/POS。</translation>
    </message>
    <message>
      <source>Label template {name} needs {kind} data.</source>
      <translation>面单模板 {name} 需要 {kind} 数据。</translation>
    </message>
    <message>
      <source>This label has no page {page}.</source>
      <translation>此面单没有第 {page} 页。</translation>
    </message>
    <message>
      <source>The carrier's ZPL label contains device commands (~): not sent.</source>
      <translation>承运商的 ZPL 面单包含设备指令（~），未发送。</translation>
    </message>
    <message>
      <source>The carrier's ZPL label contains control bytes: not sent.</source>
      <translation>承运商的 ZPL 面单包含控制字符，未发送。</translation>
    </message>
    <message>
      <source>The carrier's ZPL label must be one ^XA...^XZ format: not sent.</source>
      <translation>承运商的 ZPL 面单必须是一个 ^XA...^XZ 格式，未发送。</translation>
    </message>
    <message>
      <source>The carrier's ZPL holds more than one label: not sent.</source>
      <translation>承运商的 ZPL 包含不止一张面单，未发送。</translation>
    </message>
    <message>
      <source>The carrier's PDF label is not valid base64.</source>
      <translation>承运商的 PDF 面单不是有效的 base64。</translation>
    </message>
    <message>
      <source>The carrier's ZPL label is too large ({n} characters).</source>
      <translation>承运商的 ZPL 面单过大（{n} 个字符）。</translation>
    </message>
    <message>
      <source>The carrier's PDF has {n} pages: one parcel needs exactly one label.</source>
      <translation>承运商的 PDF 有 {n} 页：一个包裹只能有一张面单。</translation>
    </message>
    <message>
      <source>The carrier's PDF label is {w} mm wide: wider than a label printer prints.</source>
      <translation>承运商的 PDF 面单宽 {w} 毫米，超出面单打印机的打印宽度。</translation>
    </message>
    <message>
      <source>The carrier's ZPL label uses ^{code}, which changes the printer: not sent.</source>
      <translation>承运商的 ZPL 面单使用了会更改打印机设置的 ^{code}，未发送。</translation>
    </message>
    <message>
      <source>The carrier's PDF label cannot be read: {why}</source>
      <translation>无法读取承运商的 PDF 面单：{why}</translation>
    </message>
    <message>
      <source>The carrier's PDF label has no page {n}.</source>
      <translation>承运商的 PDF 面单没有第 {n} 页。</translation>
    </message>
    <message>
      <source>The carrier sent a ZPL label but this printer speaks {lang}: ask for a PDF label or use a ZPL printer.</source>
      <translation>承运商发送的是 ZPL 面单，但这台打印机使用 {lang}：请索取 PDF 面单或使用 ZPL 打印机。</translation>
    </message>
    <message>
      <source>The parcel weight cannot be negative ({weight}): weigh it again.</source>
      <translation>包裹重量不能为负（{weight}）：请重新称重。</translation>
    </message>
    <message>
      <source>Parcel {n} of {count} is not possible: check the parcel count.</source>
      <translation>第 {n}/{count} 个包裹不可能：请检查包裹数。</translation>
    </message>
    <message>
      <source>Order {order} has no recipient address: ask the office to complete it.</source>
      <translation>订单 {order} 没有收件地址：请联系办公室补全。</translation>
    </message>
    <message>
      <source>Label {name} is {mm} mm wide, wider than this printer can print ({max} dots): choose a label printer or a smaller template.</source>
      <translation>面单 {name} 宽 {mm} 毫米，超出此打印机的打印宽度（{max} 点）：请选择标签打印机或更小的模板。</translation>
    </message>
    <message>
      <source>Barcode data {data!r} is too long to fit on this label.</source>
      <translation>条码数据 {data!r} 太长，面单上放不下。</translation>
    </message>
    <message>
      <source>A picture on this label cannot be read: {why}</source>
      <translation>无法读取此面单上的图片：{why}</translation>
    </message>
    <message>
      <source>Printer resolution {dpi} dpi is not supported: use 203 or 300 dpi.</source>
      <translation>不支持 {dpi} dpi 的打印分辨率：请使用 203 或 300 dpi。</translation>
    </message>
    <message>
      <source>Label {name} has an impossible size {w}×{h} mm.</source>
      <translation>面单 {name} 的尺寸 {w}×{h} 毫米不可能实现。</translation>
    </message>
    <message>
      <source>A barcode on this label has no data to encode.</source>
      <translation>此面单上有一个条码没有数据。</translation>
    </message>
    <message>
      <source>GS1 data {data!r} must be written as (AI)value pairs, e.g. (01)09501101530003.</source>
      <translation>GS1 数据 {data!r} 必须写成（AI）值的形式，例如 (01)09501101530003。</translation>
    </message>
    <message>
      <source>Unknown barcode type {kind!r}.</source>
      <translation>未知的条码类型 {kind!r}。</translation>
    </message>
    <message>
      <source>Barcode data is too long ({n} characters, at most {limit}).</source>
      <translation>条码数据太长（{n} 个字符，最多 {limit} 个）。</translation>
    </message>
    <message>
      <source>Barcode data {data!r} may only contain printable ASCII characters.</source>
      <translation>条码数据 {data!r} 只能包含可打印的 ASCII 字符。</translation>
    </message>
    <message>
      <source>Barcode data {data!r} cannot be encoded.</source>
      <translation>条码数据 {data!r} 无法编码。</translation>
    </message>
    <message>
      <source>Barcode data {data!r} cannot be encoded: {why}</source>
      <translation>条码数据 {data!r} 无法编码：{why}</translation>
    </message>
    <message>
      <source>There is no label template called {name!r}.</source>
      <translation>没有名为 {name!r} 的面单模板。</translation>
    </message>
    <message>
      <source>Label template {name} is broken: {why}. Ask IT to fix it.</source>
      <translation>面单模板 {name} 已损坏：{why}。请联系 IT 修复。</translation>
    </message>
    <message>
      <source>Label template field {name!r} is unknown. Ask IT to fix it.</source>
      <translation>面单模板字段 {name!r} 未知。请联系 IT 修复。</translation>
    </message>
    <message>
      <source>The Packing Station is already running in this session (process {pid}). Switch to its window; only one station may run per user.</source>
      <translation>打包工作站已在本会话中运行（进程 {pid}）。请切换到其窗口；每个用户只能运行一个工作站。</translation>
    </message>
    <message>
      <source>The station crashed {count} times in {minutes} minutes and was not started again. Send the files in {folder} to IT.</source>
      <translation>工作站在 {minutes} 分钟内崩溃了 {count} 次，已不再重启。请将 {folder} 中的文件发送给 IT。</translation>
    </message>
    <message>
      <source>The platform label is damaged (not JSON).</source>
      <translation>平台面单数据已损坏（不是 JSON）。</translation>
    </message>
    <message>
      <source>The printer did not answer in time.</source>
      <translation>打印机没有及时应答。</translation>
    </message>
    <message>
      <source>The scanner sent data that is not text.</source>
      <translation>扫描枪发送的不是文本。</translation>
    </message>
    <message>
      <source>The scan is too long ({n} characters).</source>
      <translation>扫描内容过长（{n} 个字符）。</translation>
    </message>
    <message>
      <source>The scan was empty. Scan again.</source>
      <translation>扫描为空。请重新扫描。</translation>
    </message>
    <message>
      <source>The scan holds control characters; check the scanner's keyboard settings.</source>
      <translation>扫描内容含控制字符；请检查扫描枪的键盘设置。</translation>
    </message>
    <message>
      <source>This GS1 barcode cannot be read ({code}). Scan it again or check the label.</source>
      <translation>无法读取此 GS1 条码（{code}）。请重新扫描或检查标签。</translation>
    </message>
    <message>
      <source>Unknown command {name}.</source>
      <translation>未知指令 {name}。</translation>
    </message>
    <message>
      <source>The product number {gtin} in this GS1 barcode has a wrong check digit.</source>
      <translation>此 GS1 条码中的商品编号 {gtin} 校验位错误。</translation>
    </message>
    <message>
      <source>Bag {bag} (seal {seal}) handed over: {n} parcels, {scanned} on the manifest.</source>
      <translation>集包 {bag}（封签 {seal}）已交接：{n} 个包裹，交接单上共 {scanned} 个。</translation>
    </message>
    <message>
      <source>{tracking} into bag {bag}: {n} parcels.</source>
      <translation>{tracking} 已装入集包 {bag}：共 {n} 个包裹。</translation>
    </message>
    <message>
      <source>Bag {bag} sealed ({seal}) with {n} parcels: scan the bag when the driver takes it.</source>
      <translation>集包 {bag} 已封签（{seal}），内有 {n} 个包裹：司机取走时扫描集包。</translation>
    </message>
    <message>
      <source>{tracking} taken out of bag {bag}.</source>
      <translation>{tracking} 已从集包 {bag} 取出。</translation>
    </message>
    <message>
      <source>Bag {bag} opened for {carrier}: scan its parcels, then SEAL:&lt;number&gt;.</source>
      <translation>已为 {carrier} 打开集包 {bag}：请扫描包裹，然后扫描 SEAL:&lt;封签号&gt;。</translation>
    </message>
    <message>
      <source>Bag {bag} goes with {carrier}, not {manifest_carrier}.</source>
      <translation>集包 {bag} 属于 {carrier}，不是 {manifest_carrier}。</translation>
    </message>
    <message>
      <source>Bag {bag} is open with {n} parcels: scan more, then SEAL:&lt;number&gt;.</source>
      <translation>集包 {bag} 已打开，内有 {n} 个包裹：继续扫描，然后扫描 SEAL:&lt;封签号&gt;。</translation>
    </message>
    <message>
      <source>Bag {bag} was already handed over on manifest {manifest}.</source>
      <translation>集包 {bag} 已在交接单 {manifest} 上交接过。</translation>
    </message>
    <message>
      <source>Bag {bag} must not go: {n} parcels in it must not ship ({parcels}). Open it, take them out (CMD:OUT-OF-BAG, then each parcel), seal it again and scan it again.</source>
      <translation>集包 {bag} 不能发出：其中 {n} 个包裹不能发货（{parcels}）。请拆包取出（扫描 CMD:OUT-OF-BAG，再逐个扫描包裹），重新封签后再扫描集包。</translation>
    </message>
    <message>
      <source>{tracking} is in bag {bag} already.</source>
      <translation>{tracking} 已在集包 {bag} 中。</translation>
    </message>
    <message>
      <source>{tracking} is in bag {bag}. Take it back.</source>
      <translation>{tracking} 在集包 {bag} 中。请拿回。</translation>
    </message>
    <message>
      <source>No bag is open: scan a bag tag first.</source>
      <translation>没有打开的集包：请先扫描集包标签。</translation>
    </message>
    <message>
      <source>That is not a seal number: scan the seal's barcode.</source>
      <translation>这不是封签号：请扫描封签条码。</translation>
    </message>
    <message>
      <source>Bag {bag} is empty: scan its parcels before sealing it.</source>
      <translation>集包 {bag} 是空的：封签前请先扫描包裹。</translation>
    </message>
    <message>
      <source>{tracking} is not in the open bag.</source>
      <translation>{tracking} 不在当前打开的集包中。</translation>
    </message>
    <message>
      <source>Bag {bag} is still open: seal it first (SEAL:&lt;number&gt;).</source>
      <translation>集包 {bag} 还未封签：请先封签（SEAL:&lt;封签号&gt;）。</translation>
    </message>
    <message>
      <source>A parcel of bag {bag} went onto another manifest meanwhile: nothing of the bag is handed over. Scan the bag again.</source>
      <translation>集包 {bag} 中有包裹刚被加到另一张交接单上：本集包未交接。请重新扫描集包。</translation>
    </message>
    <message>
      <source>Hello {name}.</source>
      <translation>你好，{name}。</translation>
    </message>
    <message>
      <source>Scan a lead's badge to put order {order} aside (any other scan cancels).</source>
      <translation>扫描组长工牌以搁置订单 {order}（扫描其他条码则取消）。</translation>
    </message>
    <message>
      <source>Scan a lead's badge to void the last label (any other scan cancels).</source>
      <translation>请扫描组长工牌以作废最后一张面单（扫描其他条码即取消）。</translation>
    </message>
    <message>
      <source>No printer is set up.</source>
      <translation>未配置打印机。</translation>
    </message>
    <message>
      <source>Every waiting label is printed.</source>
      <translation>所有待出面单均已打印。</translation>
    </message>
    <message>
      <source>There is no label to reprint.</source>
      <translation>没有可重打的面单。</translation>
    </message>
    <message>
      <source>Did the label of parcel {parcels} come out after fixing the printer? If it did, put it on the parcel and scan CONFIRM. If not, scan REPRINT again.</source>
      <translation>处理好打印机后，包裹 {parcels} 的面单打出来了吗？打出来了就贴到包裹上并扫描 CONFIRM；没有就再扫描一次 REPRINT。</translation>
    </message>
    <message>
      <source>The label is printing: wait for it.</source>
      <translation>面单正在打印，请稍候。</translation>
    </message>
    <message>
      <source>Reprinting the label of parcel {n}.</source>
      <translation>正在重打包裹 {n} 的面单。</translation>
    </message>
    <message>
      <source>Label of parcel {parcels} recorded as printed.</source>
      <translation>包裹 {parcels} 的面单已记录为已打印。</translation>
    </message>
    <message>
      <source>There is no label to void.</source>
      <translation>没有可作废的面单。</translation>
    </message>
    <message>
      <source>Printing the label of parcel {parcels} again.</source>
      <translation>正在重新打印包裹 {parcels} 的面单。</translation>
    </message>
    <message>
      <source>another carrier's parcel</source>
      <translation>其他承运商的包裹</translation>
    </message>
    <message>
      <source>scanned twice</source>
      <translation>重复扫描</translation>
    </message>
    <message>
      <source>not a parcel of this station</source>
      <translation>不是本工位的包裹</translation>
    </message>
    <message>
      <source>its label was voided</source>
      <translation>面单已作废</translation>
    </message>
    <message>
      <source>another warehouse's parcel</source>
      <translation>其他仓库的包裹</translation>
    </message>
    <message>
      <source>already shipped</source>
      <translation>已发货</translation>
    </message>
    <message>
      <source>already on another manifest</source>
      <translation>已在另一张交接单上</translation>
    </message>
    <message>
      <source>the order was stopped</source>
      <translation>订单已被拦截</translation>
    </message>
    <message>
      <source>no label printed yet</source>
      <translation>尚未打印面单</translation>
    </message>
    <message>
      <source>the manifest was closed</source>
      <translation>交接单已关闭</translation>
    </message>
    <message>
      <source>{what}</source>
      <translation>{what}</translation>
    </message>
    <message>
      <source>Exception acknowledged.</source>
      <translation>异常已确认。</translation>
    </message>
    <message>
      <source>{order}: parcel {parcel} weighed {actual} g, {expected} g expected; accepted because {reason}</source>
      <translation>{order}：包裹 {parcel} 称重 {actual} g，应为 {expected} g；放行原因：{reason}</translation>
    </message>
    <message>
      <source>{order}: items missing, decided {decision}</source>
      <translation>{order}：缺货，处理决定：{decision}</translation>
    </message>
    <message>
      <source>{order}: label {tracking} voided ({reason})</source>
      <translation>{order}：面单 {tracking} 已作废（{reason}）</translation>
    </message>
    <message>
      <source>{order}: stopped ({status})</source>
      <translation>{order}：已拦截（{status}）</translation>
    </message>
    <message>
      <source>{tracking} not handed over: {why}</source>
      <translation>{tracking} 未交接：{why}</translation>
    </message>
    <message>
      <source>{tracking} held back at the handover</source>
      <translation>{tracking} 交接时被扣下</translation>
    </message>
    <message>
      <source>Manifest {manifest} reopened: {reason}</source>
      <translation>交接单 {manifest} 已重新打开：{reason}</translation>
    </message>
    <message>
      <source>{order} put aside: {reason}</source>
      <translation>{order} 已搁置：{reason}</translation>
    </message>
    <message>
      <source>An exception is acknowledged or resolved.</source>
      <translation>异常只能被确认或解决。</translation>
    </message>
    <message>
      <source>Say how the exception was resolved (scan or type a reason).</source>
      <translation>请说明异常如何解决（扫描或输入原因）。</translation>
    </message>
    <message>
      <source>Choose an exception on the dashboard first.</source>
      <translation>请先在看板上选择一个异常。</translation>
    </message>
    <message>
      <source>Exception resolved: {reason}</source>
      <translation>异常已解决：{reason}</translation>
    </message>
    <message>
      <source>No such exception: {key}.</source>
      <translation>没有这个异常：{key}。</translation>
    </message>
    <message>
      <source>This exception was already resolved.</source>
      <translation>该异常已经解决过了。</translation>
    </message>
    <message>
      <source>Central refused the {kind} event of {order}: {error}</source>
      <translation>中央拒收了 {order} 的 {kind} 事件：{error}</translation>
    </message>
    <message>
      <source>{order}: the {carrier} label waits for central; scan PRINT-WAITING</source>
      <translation>{order}：{carrier} 面单等待中央；请扫描 PRINT-WAITING</translation>
    </message>
    <message>
      <source>{code} weighs {actual} g now but {packed} g when packed: it must not go before a lead checks it.</source>
      <translation>{code} 现重 {actual} g，打包时 {packed} g：主管检查前不能发出。</translation>
    </message>
    <message>
      <source>Manifest {manifest} closed: {scanned} parcels shipped, {missing} missing.</source>
      <translation>交接单 {manifest} 已关闭：已发出 {scanned} 件，缺少 {missing} 件。</translation>
    </message>
    <message>
      <source>Manifest {manifest} reopened by {lead}.</source>
      <translation>交接单 {manifest} 已由 {lead} 重新打开。</translation>
    </message>
    <message>
      <source>Manifest {manifest} signed by {driver}.</source>
      <translation>交接单 {manifest} 已由 {driver} 签字。</translation>
    </message>
    <message>
      <source>There is no manifest {manifest}.</source>
      <translation>没有交接单 {manifest}。</translation>
    </message>
    <message>
      <source>That is not a tracking number. Scan the barcode of the parcel's label.</source>
      <translation>这不是运单号。请扫描包裹面单上的条码。</translation>
    </message>
    <message>
      <source>Put {code} on the scale: parcels are re-weighed at the handover.</source>
      <translation>请把 {code} 放到秤上：交接时需复重。</translation>
    </message>
    <message>
      <source>Give a reason to reopen a manifest.</source>
      <translation>重新打开交接单需要填写原因。</translation>
    </message>
    <message>
      <source>Type the driver's name with the signature.</source>
      <translation>签字时请输入司机姓名。</translation>
    </message>
    <message>
      <source>The signature picture is not a PNG image.</source>
      <translation>签字图片不是 PNG 图像。</translation>
    </message>
    <message>
      <source>This station keeps no manifest sheets (no manifests folder).</source>
      <translation>本工位不保存交接单（没有交接单文件夹）。</translation>
    </message>
    <message>
      <source>Carrier {carrier} is not known at this station.</source>
      <translation>本工位不认识承运商 {carrier}。</translation>
    </message>
    <message>
      <source>{tracking} is in bag {bag}: scan the bag when the driver takes it.</source>
      <translation>{tracking} 在集包 {bag} 中：司机取走时扫描集包即可。</translation>
    </message>
    <message>
      <source>Manifest {manifest} closed: {scanned} parcels shipped. Take back {held}: the order was stopped after the scan.</source>
      <translation>交接单 {manifest} 已关闭：已发出 {scanned} 件。请拿回 {held}：扫描后订单被拦截。</translation>
    </message>
    <message>
      <source>Manifest {manifest} is open already.</source>
      <translation>交接单 {manifest} 已经是打开状态。</translation>
    </message>
    <message>
      <source>Close manifest {manifest} first; the driver signs what was handed over.</source>
      <translation>请先关闭交接单 {manifest}；司机为已交接的包裹签字。</translation>
    </message>
    <message>
      <source>No thermal printer is set up.</source>
      <translation>未设置热敏打印机。</translation>
    </message>
    <message>
      <source>Manifest {manifest} is already closed.</source>
      <translation>交接单 {manifest} 已关闭。</translation>
    </message>
    <message>
      <source>Scan at least one parcel before closing {manifest}.</source>
      <translation>关闭 {manifest} 前至少扫描一个包裹。</translation>
    </message>
    <message>
      <source>{bag} · seal {seal} · {n} parcels</source>
      <translation>{bag} · 封签 {seal} · {n} 个包裹</translation>
    </message>
    <message>
      <source>Central refused {what}: {message}</source>
      <translation>中心拒绝了 {what}：{message}</translation>
    </message>
    <message>
      <source>Central cannot be reached, so {what} cannot be checked now. Nothing was recorded; scan it again when the network is back.</source>
      <translation>无法连接中心，暂时不能核对 {what}。没有记录任何内容；网络恢复后请再扫描一次。</translation>
    </message>
    <message>
      <source>{what} has not shipped: it cannot be returned.</source>
      <translation>{what} 尚未发货：不能退货。</translation>
    </message>
    <message>
      <source>{what} was shipped by another warehouse: send the parcel back there, do not restock it here.</source>
      <translation>{what} 由其他仓库发出：请把包裹退回该仓库，不要在这里上架。</translation>
    </message>
    <message>
      <source>{what} is being received at another bench: count it there, or ask the lead. ({message})</source>
      <translation>{what} 正在另一个工位收货：请到那里清点，或询问组长。（{message}）</translation>
    </message>
    <message>
      <source>{what} was already received. Nothing is counted twice.</source>
      <translation>{what} 已经收过货。不会重复计数。</translation>
    </message>
    <message>
      <source>{what} is not known to central.</source>
      <translation>中心不认识 {what}。</translation>
    </message>
    <message>
      <source>Scan your badge to log in.</source>
      <translation>请扫描工牌登录。</translation>
    </message>
    <message>
      <source>{name} ({role}) may not {action}.</source>
      <translation>{name}（{role}）无权 {action}。</translation>
    </message>
    <message>
      <source>Central refused the label: {message} Nothing printed: take the parcel to the lead.</source>
      <translation>中央系统拒绝了面单：{message} 未打印：请把包裹交给组长。</translation>
    </message>
    <message>
      <source>STOP: order is {status}. Do not ship it: no label printed. Take it to the lead.</source>
      <translation>停止：订单状态为 {status}。不得发货：未打印面单。请交给组长。</translation>
    </message>
    <message>
      <source>{carrier} labels come only from {carrier}'s system, and the central server cannot be reached now: nothing printed. Put parcel {n} on the waiting shelf; scan PRINT-WAITING when the network is back.</source>
      <translation>{carrier} 面单只能来自 {carrier} 的系统，而现在无法连接中心服务器：未打印任何面单。请把第 {n} 个包裹放到待面单货架；网络恢复后扫描 PRINT-WAITING。</translation>
    </message>
    <message>
      <source>The central server cannot be reached and this station has no number pool.</source>
      <translation>无法连接中央服务器，且本工作站没有运单号池。</translation>
    </message>
    <message>
      <source>Central sent tracking number {tracking}, which this station already used or voided. Nothing printed: ask IT to check the central server.</source>
      <translation>中央系统发来的运单号 {tracking} 本工位已使用或已作废。未打印：请联系 IT 检查中央服务器。</translation>
    </message>
    <message>
      <source>{reason}</source>
      <translation>{reason}</translation>
    </message>
    <message>
      <source>Label printed for parcel {n}: {tracking}. Put the parcel in lane {lane}.</source>
      <translation>包裹 {n} 面单已打印：{tracking}。请放到 {lane} 道口。</translation>
    </message>
    <message>
      <source>Label NOT printed for parcel {n}: {message} Fix the printer, then scan REPRINT (same number {tracking}).</source>
      <translation>包裹 {n} 的面单未打印：{message} 请排除打印机故障后扫描“重打”（运单号不变：{tracking}）。</translation>
    </message>
    <message>
      <source>The printer holds the label of parcel {n} ({tracking}): {message} Do not reprint: fix the printer and the label comes out. Scan REPRINT only if it does not.</source>
      <translation>打印机缓存中保留着包裹 {n}（{tracking}）的面单：{message} 请勿重打：处理好打印机后面单会自动打出。只有没打出来时才扫描 REPRINT。</translation>
    </message>
    <message>
      <source>Test label printed.</source>
      <translation>测试面单已打印。</translation>
    </message>
    <message>
      <source>{message}</source>
      <translation>{message}</translation>
    </message>
    <message>
      <source>Parcel {n} is not waiting for a label.</source>
      <translation>包裹 {n} 不在等待面单。</translation>
    </message>
    <message>
      <source>Label already printed.</source>
      <translation>面单已打印。</translation>
    </message>
    <message>
      <source>Parcel {n} has no printed label to reprint.</source>
      <translation>包裹 {n} 没有可重打的已打印面单。</translation>
    </message>
    <message>
      <source>Give a reason to void the label.</source>
      <translation>请填写作废面单的原因。</translation>
    </message>
    <message>
      <source>Label {tracking} voided: take it off the parcel, then scan REPRINT: the new label has a new number.</source>
      <translation>面单 {tracking} 已作废：请从包裹上撕下，然后扫描 REPRINT：新面单使用新单号。</translation>
    </message>
    <message>
      <source>Label printed for parcel {n}: {tracking}. Put the parcel in lane {lane}. Billed by size: {billed} kg for {actual} kg on the scale.</source>
      <translation>包裹 {n} 面单已打印：{tracking}。请放到 {lane} 道口。按体积计费：{billed} kg（秤上实重 {actual} kg）。</translation>
    </message>
    <message>
      <source>Parcel {n} has no label to void.</source>
      <translation>包裹 {n} 没有可作废的面单。</translation>
    </message>
    <message>
      <source>{carrier} labels print through the platform's print component, and this station has none set up ([platform_printer] in the settings).</source>
      <translation>{carrier} 面单须通过平台打印组件打印，本工位未设置打印组件（设置中的 [platform_printer]）。</translation>
    </message>
    <message>
      <source>Only a shipping lead can do this: scan a lead's badge.</source>
      <translation>只有发货主管可以操作：请扫描主管工牌。</translation>
    </message>
    <message>
      <source>A badge and a PIN must be text.</source>
      <translation>工牌号和 PIN 必须是文字。</translation>
    </message>
    <message>
      <source>A PIN has at least {n} characters here.</source>
      <translation>本站的 PIN 至少需要 {n} 位。</translation>
    </message>
    <message>
      <source>Too many wrong PINs for badge {badge}: try again in {seconds} s, or scan the badge.</source>
      <translation>工牌 {badge} 的 PIN 错误次数过多：请 {seconds} 秒后再试，或直接扫描工牌。</translation>
    </message>
    <message>
      <source>Badge or PIN is wrong.</source>
      <translation>工牌或 PIN 码错误。</translation>
    </message>
    <message>
      <source>Badge {badge} is not known or not active.</source>
      <translation>工牌 {badge} 不存在或已停用。</translation>
    </message>
    <message>
      <source>{name} ({role}) may not {action}: a lead must do this.</source>
      <translation>{name}（{role}）无权{action}：需由组长操作。</translation>
    </message>
    <message>
      <source>Badge or PIN is wrong: {left} more tries before the badge is locked.</source>
      <translation>工牌或 PIN 码错误：再错 {left} 次工牌将被锁定。</translation>
    </message>
    <message>
      <source>Scan the lead's badge, or type the badge number with the lead's PIN.</source>
      <translation>请扫描组长工牌，或输入工牌号及组长 PIN。</translation>
    </message>
    <message>
      <source>Weight override on parcel {parcel}: {actual} g instead of {expected} g ({reason})</source>
      <translation>包裹 {parcel} 重量放行：实际 {actual} g，预期 {expected} g（{reason}）</translation>
    </message>
    <message>
      <source>Scan an order, parcel, tracking number, tote or SKU barcode, or type the recipient's name or phone.</source>
      <translation>请扫描订单、包裹、运单号、周转箱或 SKU 条码，或输入收件人姓名或电话。</translation>
    </message>
    <message>
      <source>Weighed {grams} g (expected {expected} g)</source>
      <translation>称重 {grams} g（预期 {expected} g）</translation>
    </message>
    <message>
      <source>Weighed {grams} g, outside the tolerance of {expected} g</source>
      <translation>称重 {grams} g，超出 {expected} g 的允许误差</translation>
    </message>
    <message>
      <source>Scanned {sku} ×{units} {extra}</source>
      <translation>已扫 {sku} ×{units} {extra}</translation>
    </message>
    <message>
      <source>Short pick decided: {decision}</source>
      <translation>缺货处理：{decision}</translation>
    </message>
    <message>
      <source>Nothing at this station matches {code}.</source>
      <translation>本工位没有与 {code} 匹配的记录。</translation>
    </message>
    <message>
      <source>Label {tracking} of parcel {parcel} voided: {reason}</source>
      <translation>包裹 {parcel} 的面单 {tracking} 已作废：{reason}</translation>
    </message>
    <message>
      <source>Wrong item {raw}</source>
      <translation>错误商品 {raw}</translation>
    </message>
    <message>
      <source>Order stopped: {status}</source>
      <translation>订单已拦截：{status}</translation>
    </message>
    <message>
      <source>Quantity typed by hand</source>
      <translation>手工输入数量</translation>
    </message>
    <message>
      <source>Pack session {session} opened at {station}</source>
      <translation>打包会话 {session} 在 {station} 开始</translation>
    </message>
    <message>
      <source>Label {tracking} of parcel {parcel} reprinted</source>
      <translation>包裹 {parcel} 的面单 {tracking} 已补打</translation>
    </message>
    <message>
      <source>Label {tracking} of parcel {parcel} printed</source>
      <translation>包裹 {parcel} 的面单 {tracking} 已打印</translation>
    </message>
    <message>
      <source>{tracking} handed to {carrier} on manifest {manifest}</source>
      <translation>{tracking} 已通过交接单 {manifest} 交给 {carrier}</translation>
    </message>
    <message>
      <source>Wrong-item stop cleared by {by}</source>
      <translation>错误商品停止已由 {by} 解除</translation>
    </message>
    <message>
      <source>Pack session {session} ended: {state}</source>
      <translation>打包会话 {session} 结束：{state}</translation>
    </message>
    <message>
      <source>Manifest {manifest} closed: shipped</source>
      <translation>交接单 {manifest} 已关闭：已发出</translation>
    </message>
    <message>
      <source>Scanned {sku}: lot/serial asked for</source>
      <translation>已扫 {sku}：需要批号/序列号</translation>
    </message>
    <message>
      <source>Lot {lot} of {sku} captured</source>
      <translation>已记录 {sku} 的批号 {lot}</translation>
    </message>
    <message>
      <source>Box {box}</source>
      <translation>箱型 {box}</translation>
    </message>
    <message>
      <source>Items of the parcel done, box next</source>
      <translation>包裹商品已齐，下一步选箱</translation>
    </message>
    <message>
      <source>Parcel closed, ready for its label</source>
      <translation>包裹已封箱，等待面单</translation>
    </message>
    <message>
      <source>Items missing: the lead was called</source>
      <translation>缺货：已呼叫主管</translation>
    </message>
    <message>
      <source>Order finished</source>
      <translation>订单完成</translation>
    </message>
    <message>
      <source>{kind} {raw}</source>
      <translation>{kind} {raw}</translation>
    </message>
    <message>
      <source>Parcel {n} of {order} has no label to reprint.</source>
      <translation>订单 {order} 的包裹 {n} 没有可补打的面单。</translation>
    </message>
    <message>
      <source>Parcel {n} of {order} has no label that can be voided.</source>
      <translation>订单 {order} 的包裹 {n} 没有可作废的面单。</translation>
    </message>
    <message>
      <source>No order is open. Scan an order, tote or pick list.</source>
      <translation>未打开订单。请扫描订单、周转箱或拣货单。</translation>
    </message>
    <message>
      <source>Order {order} holds item {sku} that this station does not know yet. Ask IT to check the product sync.</source>
      <translation>订单 {order} 含有本工作站尚不认识的商品 {sku}。请联系 IT 检查商品同步。</translation>
    </message>
    <message>
      <source>Reprint requested.</source>
      <translation>已请求重打。</translation>
    </message>
    <message>
      <source>Scan an order, tote or pick list first.</source>
      <translation>请先扫描订单、周转箱或拣货单。</translation>
    </message>
    <message>
      <source>Finish or put aside order {order} first, then scan PRINT-WAITING.</source>
      <translation>请先完成或搁置订单 {order}，再扫描 PRINT-WAITING。</translation>
    </message>
    <message>
      <source>No label is waiting.</source>
      <translation>没有待出的面单。</translation>
    </message>
    <message>
      <source>No order, tote or pick list {code} is known.</source>
      <translation>未找到订单、周转箱或拣货单 {code}。</translation>
    </message>
    <message>
      <source>A lot or serial number must be text.</source>
      <translation>批号或序列号必须是文本。</translation>
    </message>
    <message>
      <source>{name} may not type quantities; ask a lead.</source>
      <translation>{name} 无权输入数量；请联系组长。</translation>
    </message>
    <message>
      <source>A quantity must be a whole number.</source>
      <translation>数量必须是整数。</translation>
    </message>
    <message>
      <source>No box {code} in the catalogue.</source>
      <translation>目录中没有纸箱 {code}。</translation>
    </message>
    <message>
      <source>A weight must be whole grams.</source>
      <translation>重量必须是整数克。</translation>
    </message>
    <message>
      <source>Parcel {parcels} has a printed label: void it first (VOID), then put the order aside.</source>
      <translation>包裹 {parcels} 已打印面单：请先作废（VOID），再搁置订单。</translation>
    </message>
    <message>
      <source>Parcel {parcels} has no label yet. Print it before finishing the order.</source>
      <translation>包裹 {parcels} 还没有面单。请先打印面单再完成订单。</translation>
    </message>
    <message>
      <source>Scale fault: {fault}. Check the scale.</source>
      <translation>电子秤故障：{fault}。请检查电子秤。</translation>
    </message>
    <message>
      <source>Waiting for a stable weight.</source>
      <translation>等待稳定重量。</translation>
    </message>
    <message>
      <source>Unknown code {code}: it is not an order, tote or pick list.</source>
      <translation>未知条码 {code}：不是订单、周转箱或拣货单。</translation>
    </message>
    <message>
      <source>Badge {badge} belongs to a {role}: scan the badge, or log in with the badge number and PIN.</source>
      <translation>工牌 {badge} 属于{role}：请扫描工牌，或输入工牌号和 PIN 登录。</translation>
    </message>
    <message>
      <source>Only a lead can clear a wrong item. Or scan the order barcode.</source>
      <translation>只有组长可以解除错件。或扫描订单条码。</translation>
    </message>
    <message>
      <source>QC release: scan the QC hold the goods are in.</source>
      <translation>质检放行：请扫描货物所在的质检待检区。</translation>
    </message>
    <message>
      <source>{code} is no known product or location: set it aside.</source>
      <translation>{code} 不是已知商品或库位：请放到一边。</translation>
    </message>
    <message>
      <source>That command does nothing during a QC release: CLOSE ends it.</source>
      <translation>质检放行时此命令无效：扫描“关闭”结束放行。</translation>
    </message>
    <message>
      <source>Notice {notice} open: {units} units of {skus} SKUs. Scan the items.</source>
      <translation>通知单 {notice} 已打开：共 {skus} 个 SKU、{units} 件。请扫描商品。</translation>
    </message>
    <message>
      <source>This station has no central connection set up, so notices cannot be opened.</source>
      <translation>本工作站未配置中心连接，无法打开通知单。</translation>
    </message>
    <message>
      <source>Close receipt {notice} before opening another.</source>
      <translation>请先完成收货单 {notice}，再打开其他通知单。</translation>
    </message>
    <message>
      <source>Close receipt {notice} before a QC release.</source>
      <translation>请先关闭收货单 {notice}，再进行质检放行。</translation>
    </message>
    <message>
      <source>Scan an inbound notice to start receiving.</source>
      <translation>请扫描入库通知单开始收货。</translation>
    </message>
    <message>
      <source>The unit of {sku} is not counted: scan it again with its lot.</source>
      <translation>这件 {sku} 未计数：请连同批号重新扫描。</translation>
    </message>
    <message>
      <source>That command does nothing while receiving.</source>
      <translation>收货时该指令无效。</translation>
    </message>
    <message>
      <source>Notice {notice} is already open: keep counting.</source>
      <translation>通知单 {notice} 已打开：请继续清点。</translation>
    </message>
    <message>
      <source>A badge does nothing while receiving: lock the station to change who is logged in.</source>
      <translation>收货时扫描工牌无效：如需换人登录，请先锁定工作站。</translation>
    </message>
    <message>
      <source>Notice {notice} is still open: close it (CLOSE) before receiving {code}.</source>
      <translation>到货通知 {notice} 还未关闭：请先关闭（CLOSE）再收 {code}。</translation>
    </message>
    <message>
      <source>That is not a lot: scan the lot printed on the pack of {sku}, or CANCEL.</source>
      <translation>这不是批号：请扫描 {sku} 包装上的批号，或扫描 CANCEL。</translation>
    </message>
    <message>
      <source>{n} SKU labels printed: stick one on each unit, then scan it.</source>
      <translation>已打印 {n} 张 SKU 标签：每件贴一张，然后扫描。</translation>
    </message>
    <message>
      <source>No label printer is set up at this bench.</source>
      <translation>本工作台未设置标签打印机。</translation>
    </message>
    <message>
      <source>Every item of this notice has a usable barcode.</source>
      <translation>该通知单的所有商品都有可用条码。</translation>
    </message>
    <message>
      <source>SKU labels of {sku} did NOT print: {message}</source>
      <translation>{sku} 的 SKU 标签没有打印出来：{message}</translation>
    </message>
    <message>
      <source>Photo taken: kept with order {order}'s videos.</source>
      <translation>已拍照：与订单 {order} 的视频一起保存。</translation>
    </message>
    <message>
      <source>No camera is set up at this bench: describe the damage in the return's reason.</source>
      <translation>本工位未配置摄像头：请在退货原因中描述损坏情况。</translation>
    </message>
    <message>
      <source>No photo was taken: check the camera (Devices), then scan PHOTO again.</source>
      <translation>未拍到照片：请检查摄像头（设备），然后再次扫描“拍照”。</translation>
    </message>
    <message>
      <source>The camera is slow: the photo is still being taken; it will be kept with order {order}'s videos.</source>
      <translation>摄像头响应较慢：照片仍在拍摄中，将与订单 {order} 的视频一起保存。</translation>
    </message>
    <message>
      <source>Return of order {order} open. Scan the reason, the condition, then each item.</source>
      <translation>订单 {order} 的退货已打开。请扫描原因、状况，再逐件扫描商品。</translation>
    </message>
    <message>
      <source>{code} is no known product: set it aside and ask a lead.</source>
      <translation>{code} 不是已知商品：请放到一边并询问组长。</translation>
    </message>
    <message>
      <source>That command does nothing here.</source>
      <translation>该指令在此无效。</translation>
    </message>
    <message>
      <source>{decision} is a lead's decision: a lead scans their badge.</source>
      <translation>{decision} 需由组长决定：请组长扫描工牌。</translation>
    </message>
    <message>
      <source>Close the return of order {order} before opening another.</source>
      <translation>请先完成订单 {order} 的退货，再打开其他退货。</translation>
    </message>
    <message>
      <source>Every unit of order {order} was already returned. Nothing is counted twice.</source>
      <translation>订单 {order} 的所有商品都已退回。不会重复计数。</translation>
    </message>
    <message>
      <source>Scan the tracking number, order or RMA of the returned parcel.</source>
      <translation>请扫描退回包裹的运单号、订单号或退货授权号。</translation>
    </message>
    <message>
      <source>The return of order {order} is already open.</source>
      <translation>订单 {order} 的退货已经打开。</translation>
    </message>
    <message>
      <source>The return of order {order} is still open: close it (CLOSE), or CANCEL it if nothing of it is recorded, before the next parcel.</source>
      <translation>订单 {order} 的退货还未关闭：请先关闭（CLOSE），如未记录任何商品可取消（CANCEL），再处理下一个包裹。</translation>
    </message>
    <message>
      <source>Decision cancelled.</source>
      <translation>已取消处理决定。</translation>
    </message>
    <message>
      <source>No decision waits for a lead.</source>
      <translation>没有等待组长确认的决定。</translation>
    </message>
    <message>
      <source>Badge {badge} is not a lead's: a lead decides refund or exchange.</source>
      <translation>工牌 {badge} 不是组长的：退款或换货需由组长决定。</translation>
    </message>
    <message>
      <source>Return label {number} printed.</source>
      <translation>退货面单 {number} 已打印。</translation>
    </message>
    <message>
      <source>This return already has return label {number}.</source>
      <translation>该退货已有退货面单 {number}。</translation>
    </message>
    <message>
      <source>Order {order} has no sender address on this station: no return label.</source>
      <translation>本工作站没有订单 {order} 的发件地址：无法打印退货面单。</translation>
    </message>
    <message>
      <source>The return label did NOT print: {message}</source>
      <translation>退货面单没有打印出来：{message}</translation>
    </message>
    <message>
      <source>No tracking number for a return label: {message}</source>
      <translation>没有可用于退货面单的运单号：{message}</translation>
    </message>
    <message>
      <source>Stock as central holds it now.</source>
      <translation>中心当前的库存。</translation>
    </message>
    <message>
      <source>This station has no central connection set up, so stock cannot be shown.</source>
      <translation>本工作站未配置中心连接，无法显示库存。</translation>
    </message>
    <message>
      <source>{n} SKUs are below their minimum: replenish them.</source>
      <translation>{n} 个 SKU 低于最低库存：请补货。</translation>
    </message>
    <message>
      <source>No stock of {sku} in this warehouse.</source>
      <translation>本仓库没有 {sku} 的库存。</translation>
    </message>
    <message>
      <source>The station database is read-only. Ask IT to check the folder permissions.</source>
      <translation>工作站数据库只读。请联系 IT 检查文件夹权限。</translation>
    </message>
    <message>
      <source>The station database is in use by another program. Close it and try again.</source>
      <translation>工作站数据库被其他程序占用。请关闭后重试。</translation>
    </message>
    <message>
      <source>The station database file is damaged. Ask IT to restore it from a backup.</source>
      <translation>工作站数据库文件已损坏。请联系 IT 从备份恢复。</translation>
    </message>
    <message>
      <source>The station database cannot be opened. Ask IT to check the path and disk.</source>
      <translation>无法打开工作站数据库。请联系 IT 检查路径和磁盘。</translation>
    </message>
    <message>
      <source>The station database failed: {error}</source>
      <translation>工作站数据库出错：{error}</translation>
    </message>
    <message>
      <source>Number segment {seg} belongs to station {other}, not to this station.</source>
      <translation>号段 {seg} 属于工作站 {other}，不属于本工作站。</translation>
    </message>
    <message>
      <source>Number segment {seg} has an invalid range: ask IT to check it.</source>
      <translation>号段 {seg} 的范围无效：请联系 IT 检查。</translation>
    </message>
    <message>
      <source>No tracking numbers left for {carrier} on this station: connect to the central server to get more, or ask a lead.</source>
      <translation>本工作站 {carrier} 的运单号已用完：请连接中央服务器获取，或联系组长。</translation>
    </message>
    <message>
      <source>The tracking-number pool for {carrier} repeats numbers already used: ask IT to check the number segments.</source>
      <translation>{carrier} 的运单号池重复了已使用的单号：请联系 IT 检查号段。</translation>
    </message>
    <message>
      <source>Give a reason to void tracking number {number}.</source>
      <translation>请填写作废运单号 {number} 的原因。</translation>
    </message>
    <message>
      <source>Tracking number {number} was not taken from this station's pool.</source>
      <translation>运单号 {number} 不是从本工作站的号池中取得的。</translation>
    </message>
    <message>
      <source>Tracking number {number} is already void.</source>
      <translation>运单号 {number} 已作废。</translation>
    </message>
    <message>
      <source>Number segment {seg} does not make valid numbers: {why}</source>
      <translation>号段 {seg} 生成的单号无效：{why}</translation>
    </message>
    <message>
      <source>Number segment {seg} overlaps segment {other}: ask IT to check.</source>
      <translation>号段 {seg} 与号段 {other} 重叠：请联系 IT 检查。</translation>
    </message>
    <message>
      <source>Number segment {seg} was already added with other numbers.</source>
      <translation>号段 {seg} 已经以不同的单号添加过。</translation>
    </message>
    <message>
      <source>The central server sent an answer this station does not understand.</source>
      <translation>中央服务器返回了本工作站无法识别的应答。</translation>
    </message>
    <message>
      <source>The central server refused the request: {message}</source>
      <translation>中央服务器拒绝了请求：{message}</translation>
    </message>
    <message>
      <source>The central server did not answer in time. Working offline.</source>
      <translation>中心服务器未及时响应，转为离线工作。</translation>
    </message>
    <message>
      <source>The central server had a problem (HTTP {status}). Will retry.</source>
      <translation>中央服务器出现问题（HTTP {status}）。将自动重试。</translation>
    </message>
    <message>
      <source>The central server is busy (HTTP {status}). Will retry.</source>
      <translation>中心服务器繁忙（HTTP {status}），稍后重试。</translation>
    </message>
    <message>
      <source>Something other than the central server answered (HTTP {status}): check the central address and the proxy. Events stay queued.</source>
      <translation>应答的不是中心服务器（HTTP {status}）：请检查中心地址和代理。事件仍在队列中等待发送。</translation>
    </message>
    <message>
      <source>The central server's TLS certificate is not trusted: {error}</source>
      <translation>中央服务器的 TLS 证书不受信任：{error}</translation>
    </message>
    <message>
      <source>The central server cannot be reached ({kind}). Working offline.</source>
      <translation>无法连接中央服务器（{kind}）。离线工作中。</translation>
    </message>
    <message>
      <source>the central URL must start with https://</source>
      <translation>中心服务器地址必须以 https:// 开头</translation>
    </message>
    <message>
      <source>http:// would send the station's token in clear: use the https:// address, or --allow-http if the network is private</source>
      <translation>http:// 会以明文发送工作站令牌：请使用 https:// 地址；若为内部专用网络，可加 --allow-http</translation>
    </message>
    <message>
      <source>the central server gave an answer that is not an enrolment</source>
      <translation>中央服务器的应答不是注册结果</translation>
    </message>
    <message>
      <source>the central server refused the code ({status}): {message}</source>
      <translation>中央服务器拒绝了该注册码（{status}）：{message}</translation>
    </message>
    <message>
      <source>the central server {url} cannot be reached: {error}</source>
      <translation>无法连接中央服务器 {url}：{error}</translation>
    </message>
    <message>
      <source>the code was used but the token could not be stored: {error}. Ask IT for a new code.</source>
      <translation>注册码已使用，但令牌无法保存：{error}。请向 IT 索取新的注册码。</translation>
    </message>
    <message>
      <source>the machine's settings folder {folder} is not writable ({error}): run 'station enroll --machine' as root (sudo) or administrator</source>
      <translation>本机设置目录 {folder} 不可写（{error}）：请以 root（sudo）或管理员身份运行 'station enroll --machine'</translation>
    </message>
    <message>
      <source>The audit trail no longer matches central's anchor: {error}</source>
      <translation>审计记录与中心锚点不符：{error}</translation>
    </message>
    <message>
      <source>Sending events failed: {error}</source>
      <translation>发送事件失败：{error}</translation>
    </message>
    <message>
      <source>This computer has no password keyring, so the station's API token cannot be stored safely. Install and unlock a keyring (e.g. GNOME Keyring or KWallet; Windows Credential Manager on Windows), or for a demo set the environment variable STATION_API_TOKEN.</source>
      <translation>这台电脑没有密码钥匙串，无法安全保存工作站的 API 令牌。请安装并解锁钥匙串（如 GNOME Keyring 或 KWallet；Windows 上为凭据管理器），演示时也可设置环境变量 STATION_API_TOKEN。</translation>
    </message>
    <message>
      <source>No API token is stored for station {station}. Ask IT for one (station-central token create --station {station}) and enter it in the settings.</source>
      <translation>工作站 {station} 没有保存 API 令牌。请向 IT 索取（station-central token create --station {station}）并在设置中填写。</translation>
    </message>
    <message>
      <source>The keyring refused to store the API token: {error}</source>
      <translation>钥匙串拒绝保存 API 令牌：{error}</translation>
    </message>
    <message>
      <source>The keyring could not delete the API token: {error}</source>
      <translation>钥匙串无法删除 API 令牌：{error}</translation>
    </message>
    <message>
      <source>The keyring could not be read: {error}</source>
      <translation>无法读取钥匙串：{error}</translation>
    </message>
    <message>
      <source>2 letters, 9 digits, 2 letters, e.g. EE123456785CN</source>
      <translation>2 个字母、9 位数字、2 个字母，例如 EE123456785CN</translation>
    </message>
    <message>
      <source>1Z followed by 16 letters or digits</source>
      <translation>1Z 后跟 16 个字母或数字</translation>
    </message>
    <message>
      <source>20 to 22 digits</source>
      <translation>20 到 22 位数字</translation>
    </message>
    <message>
      <source>12 or 15 digits</source>
      <translation>12 或 15 位数字</translation>
    </message>
    <message>
      <source>6 to 30 capital letters or digits</source>
      <translation>6 到 30 个大写字母或数字</translation>
    </message>
    <message>
      <source>Tracking number {number!r} is not a valid {kind} number ({describe}).</source>
      <translation>运单号 {number!r} 不是有效的 {kind} 单号（{describe}）。</translation>
    </message>
    <message>
      <source>Unknown tracking-number format {code!r}: ask IT to check the carrier setup.</source>
      <translation>未知的运单号格式 {code!r}：请联系 IT 检查承运商设置。</translation>
    </message>
    <message>
      <source>Tracking number {number} fails its check digit: scan or type it again, or ask a lead.</source>
      <translation>运单号 {number} 校验位错误：请重新扫描或输入，或联系组长。</translation>
    </message>
    <message>
      <source>{uri}: unknown camera; use v4l2:///dev/video0, dshow://video=NAME or sim://testsrc.</source>
      <translation>{uri}：未知摄像头；请使用 v4l2:///dev/video0、dshow://video=名称 或 sim://testsrc。</translation>
    </message>
    <message>
      <source>Pack evidence needs PyAV: pip install 'packing-station[evidence]'.</source>
      <translation>打包取证需要 PyAV：pip install 'packing-station[evidence]'。</translation>
    </message>
    <message>
      <source>The camera is not open.</source>
      <translation>摄像头未打开。</translation>
    </message>
    <message>
      <source>The camera {uri} stopped sending pictures.</source>
      <translation>摄像头 {uri} 停止发送画面。</translation>
    </message>
    <message>
      <source>{uri}: name the device, e.g. v4l2:///dev/video0.</source>
      <translation>{uri}：请写明设备，例如 v4l2:///dev/video0。</translation>
    </message>
    <message>
      <source>{uri}: name the camera, e.g. dshow://video=USB Camera.</source>
      <translation>{uri}：请写明摄像头名称，例如 dshow://video=USB Camera。</translation>
    </message>
    <message>
      <source>{uri}: the synthetic camera knows {patterns}.</source>
      <translation>{uri}：模拟摄像头支持 {patterns}。</translation>
    </message>
    <message>
      <source>The camera {uri} cannot be opened: {error}</source>
      <translation>无法打开摄像头 {uri}：{error}</translation>
    </message>
    <message>
      <source>The camera {uri} stopped: {error}</source>
      <translation>摄像头 {uri} 已停止：{error}</translation>
    </message>
    <message>
      <source>No parcel on the dimensioner.</source>
      <translation>量方设备上没有包裹。</translation>
    </message>
    <message>
      <source>The parcel is too big for the dimensioner.</source>
      <translation>包裹超出量方设备的测量范围。</translation>
    </message>
    <message>
      <source>The parcel moved while being measured: hold it still.</source>
      <translation>测量时包裹在移动：请保持静止。</translation>
    </message>
    <message>
      <source>The dimensioner reports fault {code}.</source>
      <translation>量方设备报告故障 {code}。</translation>
    </message>
    <message>
      <source>Dimensioner data must be bytes.</source>
      <translation>量方设备数据必须是字节。</translation>
    </message>
    <message>
      <source>The dimensioner sent {line!r}, which is not a measurement: check the protocol and baud rate.</source>
      <translation>量方设备发送了 {line!r}，不是测量结果：请检查协议和波特率。</translation>
    </message>
    <message>
      <source>Dimensioner sent too many decimals in {line!r}.</source>
      <translation>量方设备在 {line!r} 中发送的小数位过多。</translation>
    </message>
    <message>
      <source>Dimensioner reading out of range in {line!r}.</source>
      <translation>量方设备读数超出范围：{line!r}。</translation>
    </message>
    <message>
      <source>The dimensioner sent a line with no end.</source>
      <translation>量方设备发送的数据行没有结束符。</translation>
    </message>
    <message>
      <source>The dimensioner did not answer in time.</source>
      <translation>量方设备未及时应答。</translation>
    </message>
    <message>
      <source>{name} is not a configured printer.</source>
      <translation>{name} 不是已配置的打印机。</translation>
    </message>
    <message>
      <source>{name} is not a configured scale.</source>
      <translation>{name} 不是已配置的电子秤。</translation>
    </message>
    <message>
      <source>Two devices are named {name!r}.</source>
      <translation>有两个设备都叫 {name!r}。</translation>
    </message>
    <message>
      <source>{name}: unknown device kind {kind!r}; use scale, scanner or printer.</source>
      <translation>{name}：未知的设备类型 {kind!r}；请使用 scale、scanner 或 printer。</translation>
    </message>
    <message>
      <source>The print component did not confirm the label: check the printer, then REPRINT if nothing came out.</source>
      <translation>打印组件未确认面单已打印：请检查打印机，如果没有打出，扫描 REPRINT。</translation>
    </message>
    <message>
      <source>The print component could not print the label: {why}</source>
      <translation>打印组件无法打印面单：{why}</translation>
    </message>
    <message>
      <source>A print component address looks like cainiao://127.0.0.1:13528?printer=NAME, not {uri}.</source>
      <translation>打印组件地址应形如 cainiao://127.0.0.1:13528?printer=NAME，而不是 {uri}。</translation>
    </message>
    <message>
      <source>The print component did not take the label (no answer).</source>
      <translation>打印组件没有接收面单（无应答）。</translation>
    </message>
    <message>
      <source>The print component cannot be reached at {url}: is it running? ({why})</source>
      <translation>无法连接 {url} 上的打印组件：它在运行吗？（{why}）</translation>
    </message>
    <message>
      <source>The print component's connection failed: {why}</source>
      <translation>与打印组件的连接失败：{why}</translation>
    </message>
    <message>
      <source>The print component refused the label: {why}</source>
      <translation>打印组件拒绝了面单：{why}</translation>
    </message>
    <message>
      <source>Printed.</source>
      <translation>已打印。</translation>
    </message>
    <message>
      <source>Sent to the printer; it cannot report status: check that the label came out.</source>
      <translation>已发送到打印机；该打印机无法报告状态：请确认面单已打出。</translation>
    </message>
    <message>
      <source>Unknown printer language {name!r}; choose zpl, tspl or escpos.</source>
      <translation>未知的打印机语言 {name!r}；请选择 zpl、tspl 或 escpos。</translation>
    </message>
    <message>
      <source>Not printed: {reason}</source>
      <translation>未打印：{reason}</translation>
    </message>
    <message>
      <source>The printer holds the label: it prints by itself once this is fixed: {reason}</source>
      <translation>打印机保留着这张面单，问题解决后会自动打印：{reason}</translation>
    </message>
    <message>
      <source>The label may not have printed: {reason}</source>
      <translation>面单可能没有打印出来：{reason}</translation>
    </message>
    <message>
      <source>The printer is out of labels.</source>
      <translation>打印机缺纸（标签用完）。</translation>
    </message>
    <message>
      <source>The printer head or cover is open.</source>
      <translation>打印头或机盖未关闭。</translation>
    </message>
    <message>
      <source>The printer is paused: press its pause/feed button.</source>
      <translation>打印机已暂停：请按打印机上的暂停/走纸键。</translation>
    </message>
    <message>
      <source>The printer is out of ribbon.</source>
      <translation>打印机碳带用完。</translation>
    </message>
    <message>
      <source>The printer has a paper jam.</source>
      <translation>打印机卡纸。</translation>
    </message>
    <message>
      <source>The printer is offline.</source>
      <translation>打印机离线。</translation>
    </message>
    <message>
      <source>The printer reports an error.</source>
      <translation>打印机报告错误。</translation>
    </message>
    <message>
      <source>The printer does not answer.</source>
      <translation>打印机没有应答。</translation>
    </message>
    <message>
      <source>The printer answered something we cannot read.</source>
      <translation>打印机的应答无法识别。</translation>
    </message>
    <message>
      <source>This printer connection cannot report status.</source>
      <translation>此打印机连接无法报告状态。</translation>
    </message>
    <message>
      <source>Ready.</source>
      <translation>就绪。</translation>
    </message>
    <message>
      <source>Printer data must be bytes, not {kind}.</source>
      <translation>打印机数据必须是字节，而不是 {kind}。</translation>
    </message>
    <message>
      <source>The scale is overloaded.</source>
      <translation>电子秤超载。</translation>
    </message>
    <message>
      <source>The scale is below zero: re-zero it.</source>
      <translation>电子秤读数低于零：请重新归零。</translation>
    </message>
    <message>
      <source>Scale data must be bytes, not {kind}.</source>
      <translation>电子秤数据必须是字节，而不是 {kind}。</translation>
    </message>
    <message>
      <source>Frame too long.</source>
      <translation>数据帧过长。</translation>
    </message>
    <message>
      <source>Not a CAS weight line.</source>
      <translation>不是 CAS 重量数据行。</translation>
    </message>
    <message>
      <source>CAS weight line without a unit.</source>
      <translation>CAS 重量数据行没有单位。</translation>
    </message>
    <message>
      <source>Not a HID scale weight report.</source>
      <translation>不是 HID 电子秤的重量报告。</translation>
    </message>
    <message>
      <source>The scale reports a fault: re-zero or restart it.</source>
      <translation>电子秤报告故障：请归零或重启电子秤。</translation>
    </message>
    <message>
      <source>The HID scale uses a unit or scale factor we do not support.</source>
      <translation>该 HID 电子秤使用了不支持的单位或比例。</translation>
    </message>
    <message>
      <source>The scale cannot execute the command right now (MT-SICS logical error).</source>
      <translation>电子秤现在无法执行该命令（MT-SICS 逻辑错误）。</translation>
    </message>
    <message>
      <source>The scale did not understand the command (MT-SICS syntax error).</source>
      <translation>电子秤无法识别该命令（MT-SICS 语法错误）。</translation>
    </message>
    <message>
      <source>The scale reports a transmission error: check the cable and baud rate.</source>
      <translation>电子秤报告传输错误：请检查连接线和波特率。</translation>
    </message>
    <message>
      <source>Not an MT-SICS weight reply.</source>
      <translation>不是 MT-SICS 重量应答。</translation>
    </message>
    <message>
      <source>Not an MT-SICS reply (non-ASCII bytes).</source>
      <translation>不是 MT-SICS 应答（含非 ASCII 字节）。</translation>
    </message>
    <message>
      <source>Not an MT-SICS reply.</source>
      <translation>不是 MT-SICS 应答。</translation>
    </message>
    <message>
      <source>The scale is busy.</source>
      <translation>电子秤忙。</translation>
    </message>
    <message>
      <source>The scale could not zero.</source>
      <translation>电子秤无法归零。</translation>
    </message>
    <message>
      <source>The scale could not tare.</source>
      <translation>电子秤无法去皮。</translation>
    </message>
    <message>
      <source>Not an NCI reply.</source>
      <translation>不是 NCI 应答。</translation>
    </message>
    <message>
      <source>The scale did not understand the command.</source>
      <translation>电子秤无法识别该命令。</translation>
    </message>
    <message>
      <source>Not an NCI weight.</source>
      <translation>不是 NCI 重量。</translation>
    </message>
    <message>
      <source>NCI frame too long.</source>
      <translation>NCI 数据帧过长。</translation>
    </message>
    <message>
      <source>Unknown scale unit {unit!r} in the configuration; use g, kg, lb or oz.</source>
      <translation>配置中的电子秤单位 {unit!r} 未知；请使用 g、kg、lb 或 oz。</translation>
    </message>
    <message>
      <source>Unknown scale protocol {name!r}; choose one of: {names}.</source>
      <translation>未知的电子秤协议 {name!r}；请从以下选择：{names}。</translation>
    </message>
    <message>
      <source>Not an 8213 weight reply.</source>
      <translation>不是 8213 重量应答。</translation>
    </message>
    <message>
      <source>Broken 8213 frame.</source>
      <translation>8213 数据帧损坏。</translation>
    </message>
    <message>
      <source>No 8213 frame start (STX).</source>
      <translation>没有 8213 数据帧起始符（STX）。</translation>
    </message>
    <message>
      <source>Bytes outside an 8213 frame.</source>
      <translation>8213 数据帧之外的字节。</translation>
    </message>
    <message>
      <source>8213 frame too long.</source>
      <translation>8213 数据帧过长。</translation>
    </message>
    <message>
      <source>Toledo frame checksum is wrong: check the cable.</source>
      <translation>Toledo 数据帧校验和错误：请检查连接线。</translation>
    </message>
    <message>
      <source>No Toledo frame in the data.</source>
      <translation>数据中没有 Toledo 数据帧。</translation>
    </message>
    <message>
      <source>A scanner prefix or suffix must not contain GS (0x1D).</source>
      <translation>扫描枪的前缀或后缀不能包含 GS（0x1D）。</translation>
    </message>
    <message>
      <source>Scanner data must be bytes.</source>
      <translation>扫描枪数据必须是字节。</translation>
    </message>
    <message>
      <source>Empty scan.</source>
      <translation>空扫描。</translation>
    </message>
    <message>
      <source>Scan too long: no terminator.</source>
      <translation>扫描内容过长：没有结束符。</translation>
    </message>
    <message>
      <source>Unknown scanner terminator {value!r}; choose CR, LF, CRLF or TAB.</source>
      <translation>未知的扫描枪结束符 {value!r}；请选择 CR、LF、CRLF 或 TAB。</translation>
    </message>
    <message>
      <source>The scanner sent bytes that are not {encoding} text.</source>
      <translation>扫描枪发送的字节不是 {encoding} 文本。</translation>
    </message>
    <message>
      <source>The simulator {name!r} is not running.</source>
      <translation>模拟器 {name!r} 没有运行。</translation>
    </message>
    <message>
      <source>Unknown device address {uri!r}: use serial://, usb-serial://, tcp://, hid://, file://, cups://, win32:// or sim://.</source>
      <translation>未知的设备地址 {uri!r}：请使用 serial://、usb-serial://、tcp://、hid://、file://、cups://、win32:// 或 sim://。</translation>
    </message>
    <message>
      <source>{uri}: USB ids must look like 0922:8003 (vendor:product, hexadecimal).</source>
      <translation>{uri}：USB 标识应形如 0922:8003（厂商:产品，十六进制）。</translation>
    </message>
    <message>
      <source>{uri}: no serial port named.</source>
      <translation>{uri}：没有指定串口。</translation>
    </message>
    <message>
      <source>{uri}: expected tcp://host:port.</source>
      <translation>{uri}：应为 tcp://主机:端口。</translation>
    </message>
    <message>
      <source>{uri}: no device file named.</source>
      <translation>{uri}：没有指定设备文件。</translation>
    </message>
    <message>
      <source>{uri}: no CUPS queue named.</source>
      <translation>{uri}：没有指定 CUPS 队列。</translation>
    </message>
    <message>
      <source>USB HID scales need the 'hidapi' package: install packing-station[hid].</source>
      <translation>USB HID 电子秤需要 'hidapi' 软件包：请安装 packing-station[hid]。</translation>
    </message>
    <message>
      <source>The USB device {uri} is not open.</source>
      <translation>USB 设备 {uri} 未打开。</translation>
    </message>
    <message>
      <source>Cannot open the USB scale {vid:04x}:{pid:04x}: {reason}</source>
      <translation>无法打开 USB 电子秤 {vid:04x}:{pid:04x}：{reason}</translation>
    </message>
    <message>
      <source>The USB device was lost: {reason}</source>
      <translation>USB 设备已断开：{reason}</translation>
    </message>
    <message>
      <source>Invalid serial settings {options}: expected e.g. baudrate=9600, bytesize=7, parity=E, stopbits=1.</source>
      <translation>串口设置 {options} 无效：应为例如 baudrate=9600、bytesize=7、parity=E、stopbits=1。</translation>
    </message>
    <message>
      <source>The USB serial device {uri} is not plugged in.</source>
      <translation>USB 串口设备 {uri} 未插入。</translation>
    </message>
    <message>
      <source>The serial port {uri} is not open.</source>
      <translation>串口 {uri} 未打开。</translation>
    </message>
    <message>
      <source>Cannot open the serial port {port}: {reason}</source>
      <translation>无法打开串口 {port}：{reason}</translation>
    </message>
    <message>
      <source>The serial port was lost: {reason}</source>
      <translation>串口已断开：{reason}</translation>
    </message>
    <message>
      <source>win32:// printers exist only on Windows.</source>
      <translation>win32:// 打印机只存在于 Windows 上。</translation>
    </message>
    <message>
      <source>The Windows printer is not open.</source>
      <translation>Windows 打印机未打开。</translation>
    </message>
    <message>
      <source>Windows printing needs the 'pywin32' package.</source>
      <translation>Windows 打印需要 'pywin32' 软件包。</translation>
    </message>
    <message>
      <source>The printer device {path} is not open.</source>
      <translation>打印机设备 {path} 未打开。</translation>
    </message>
    <message>
      <source>The CUPS queue {queue} refused the label: {reason}</source>
      <translation>CUPS 队列 {queue} 拒绝了面单：{reason}</translation>
    </message>
    <message>
      <source>Cannot open the printer device {path}: {reason}</source>
      <translation>无法打开打印机设备 {path}：{reason}</translation>
    </message>
    <message>
      <source>Writing to the printer device {path} failed: {reason}</source>
      <translation>写入打印机设备 {path} 失败：{reason}</translation>
    </message>
    <message>
      <source>Cannot hand the label to the CUPS queue {queue}: {reason}</source>
      <translation>无法把面单交给 CUPS 队列 {queue}：{reason}</translation>
    </message>
    <message>
      <source>The Windows printer {name} refused the label: {reason}</source>
      <translation>Windows 打印机 {name} 拒绝了面单：{reason}</translation>
    </message>
    <message>
      <source>the device refuses the connection (switched off, unplugged from the network, or another program holds it)</source>
      <translation>设备拒绝连接（已关机、网线已拔出，或被其他程序占用）</translation>
    </message>
    <message>
      <source>no answer in time (switched off, or the network cable is out)</source>
      <translation>未及时响应（已关机，或网线已拔出）</translation>
    </message>
    <message>
      <source>the device closed the connection (it restarted or was switched off)</source>
      <translation>设备断开了连接（已重启或关机）</translation>
    </message>
    <message>
      <source>the device's name cannot be found on the network</source>
      <translation>在网络上找不到该设备名称</translation>
    </message>
    <message>
      <source>the device cannot be reached on the network</source>
      <translation>网络上无法访问该设备</translation>
    </message>
    <message>
      <source>{host}:{port} closed the connection.</source>
      <translation>{host}:{port} 关闭了连接。</translation>
    </message>
    <message>
      <source>The connection {uri} is not open.</source>
      <translation>连接 {uri} 未打开。</translation>
    </message>
    <message>
      <source>Cannot connect to {host}:{port}: {reason}</source>
      <translation>无法连接到 {host}:{port}：{reason}</translation>
    </message>
    <message>
      <source>Sending to {host}:{port} failed: {reason}</source>
      <translation>发送到 {host}:{port} 失败：{reason}</translation>
    </message>
    <message>
      <source>The connection to {host}:{port} was lost: {reason}</source>
      <translation>与 {host}:{port} 的连接已断开：{reason}</translation>
    </message>
    <message>
      <source>The scale reports an unknown weight unit: {unit!r}.</source>
      <translation>电子秤报告了未知的重量单位：{unit!r}。</translation>
    </message>
    <message>
      <source>The scale sent a weight that is not a number: {text!r}.</source>
      <translation>电子秤发送的重量不是数字：{text!r}。</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>正在连接…</translation>
    </message>
    <message>
      <source>Stopped.</source>
      <translation>已停止。</translation>
    </message>
    <message>
      <source>Connected.</source>
      <translation>已连接。</translation>
    </message>
    <message>
      <source>Not printed: the printer is stopped.</source>
      <translation>未打印：打印机已停止。</translation>
    </message>
    <message>
      <source>The device on {uri} does not tell its serial number, so it may not be the scale {want}: no weight is taken from it.</source>
      <translation>{uri} 上的设备不报告序列号，可能不是电子秤 {want}：不采用它的重量。</translation>
    </message>
    <message>
      <source>Another device answers on {uri} (serial {serial}), not the scale {want}: no weight is taken from it. Check what is plugged in there, or set [scale.options] serial_number.</source>
      <translation>{uri} 上应答的是另一台设备（序列号 {serial}），不是电子秤 {want}：不采用它的重量。请检查该端口接的是什么设备，或设置 [scale.options] serial_number。</translation>
    </message>
    <message>
      <source>The device thread stopped after an error.</source>
      <translation>设备线程出错后已停止。</translation>
    </message>
    <message>
      <source>{device}: option {key} must be a whole number of milliseconds.</source>
      <translation>{device}：选项 {key} 必须是整数毫秒。</translation>
    </message>
    <message>
      <source>The {protocol} scale protocol has no {command} command.</source>
      <translation>{protocol} 电子秤协议没有 {command} 命令。</translation>
    </message>
    <message>
      <source>The scale is not ready: {reason}</source>
      <translation>电子秤未就绪：{reason}</translation>
    </message>
    <message>
      <source>The scale sends data we cannot read ({reason}): check its protocol, baud rate and parity.</source>
      <translation>电子秤发送的数据无法读取（{reason}）：请检查协议、波特率和校验位。</translation>
    </message>
    <message>
      <source>The scale has been silent for {seconds} s: reconnecting.</source>
      <translation>电子秤已 {seconds} 秒没有数据：正在重新连接。</translation>
    </message>
    <message>
      <source>Cannot open the device: {reason}</source>
      <translation>无法打开设备：{reason}</translation>
    </message>
    <message>
      <source>The device failed: {reason}</source>
      <translation>设备出错：{reason}</translation>
    </message>
    <message>
      <source>Demo log: {path}</source>
      <translation>演示日志：{path}</translation>
    </message>
    <message>
      <source>error: the station window cannot start: {error}</source>
      <translation>错误：工作站窗口无法启动：{error}</translation>
    </message>
    <message>
      <source>The station window needs a desktop: no display is set (DISPLAY). Start it from the desktop session, or run 'station doctor' / 'station selftest' without a window.</source>
      <translation>工作站窗口需要桌面环境：未设置显示器（DISPLAY）。请在桌面会话中启动，或在无窗口时运行 'station doctor' / 'station selftest'。</translation>
    </message>
    <message>
      <source>The station window cannot open on this desktop: Qt's X11 (xcb) platform plugin is missing these system libraries: {libraries}.</source>
      <translation>工作站窗口无法在此桌面打开：Qt 的 X11（xcb）平台插件缺少以下系统库：{libraries}。</translation>
    </message>
    <message>
      <source>installing {packages}</source>
      <translation>正在安装 {packages}</translation>
    </message>
    <message>
      <source>Install them with:
    {command}</source>
      <translation>请用以下命令安装：
    {command}</translation>
    </message>
    <message>
      <source>These are not system packages we know ({libraries}): reinstall the station, or ask IT to provide them.</source>
      <translation>这些不是我们已知的系统软件包（{libraries}）：请重新安装工作站，或请 IT 提供。</translation>
    </message>
  </context>
</TS>
