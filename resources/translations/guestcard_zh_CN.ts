<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountChargeBox</name>
    <message>
        <location filename="../../src/guestcard/gui/visit_account.py" line="+90"/>
        <source>This bill takes the balance of %1 to %2, past its credit limit of %3: you will be asked to confirm it.</source>
        <translation>这笔账单将使%1的挂账余额达到 %2，超出信用额度 %3：保存时需要确认。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Put the spend on a company&apos;s account (签单)</source>
        <translation>消费记入单位挂账（签单）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account</source>
        <translation>挂账单位</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Signed by</source>
        <translation>签单人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bill no.</source>
        <translation>单号</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · available %2</source>
        <translation>%1 · 可用额度 %2</translation>
    </message>
</context>
<context>
    <name>AccountTab</name>
    <message>
        <location filename="../../src/guestcard/gui/account_tab.py" line="+42"/>
        <source>reversal of #%1</source>
        <translation>冲销第 %1 笔</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bill</source>
        <translation>签单</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>payment</source>
        <translation>付款</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>No credit account: the company pays each bill as it goes. Open one to let its people sign for their bills.</source>
        <translation>尚无挂账账户：该单位每次现结。开立账户后其人员可签单挂账。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Balance %1 of a limit of %2 (available %3) · terms %4</source>
        <translation>结欠 %1，信用额度 %2（可用 %3）· 结算方式 %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ageing: current %1 · 30–59 days %2 · 60–89 days %3 · 90+ days %4</source>
        <translation>账龄：未满30天 %1 · 30–59天 %2 · 60–89天 %3 · 90天以上 %4</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paid on time %1, late %2 · may sign: %3</source>
        <translation>按时付清 %1 笔，逾期 %2 笔 · 签单人：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>anyone</source>
        <translation>任何人</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Overdue %1 days: %2 past the terms</source>
        <translation>逾期 %1 天：%2 已过结算期</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Over the credit limit by %1</source>
        <translation>超出信用额度 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Account ⚠ overdue %1 days</source>
        <translation>挂账 ⚠ 逾期 %1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+71"/>
        <location line="+2"/>
        <source>Account</source>
        <translation>挂账</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>Suggested limit %1 instead of %2: %3</source>
        <translation>建议额度 %1（现为 %2）：%3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Lower the limit…</source>
        <translation>降低额度…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Raise the limit…</source>
        <translation>提高额度…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change the credit limit of %1 from %2 to %3? The change is kept in the card&apos;s history.</source>
        <translation>将 %1 的信用额度由 %2 改为 %3？此项更改记入客户档案的历史。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Credit limit</source>
        <translation>信用额度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change the limit</source>
        <translation>更改额度</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>The account could not be read or written.</source>
        <translation>挂账账户无法读取或写入。</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>This bill of %1 takes the balance to %2, past the credit limit of %3. Put it on the account all the same?</source>
        <translation>这笔 %1 的签单使结欠达到 %2，超出信用额度 %3。仍要挂账吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Over the credit limit</source>
        <translation>超出信用额度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charge it</source>
        <translation>照样挂账</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Cancel entry #%1 (%2) by a reversing entry? The entry itself stays in the ledger.</source>
        <translation>以一笔冲销记录取消第 %1 笔（%2）？原记录仍留在账上。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reverse</source>
        <translation>冲销</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a credit account…</source>
        <translation>开立挂账账户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Put a bill on it…</source>
        <translation>签单挂账…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record a payment…</source>
        <translation>登记付款…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reverse…</source>
        <translation>冲销…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statement…</source>
        <translation>对账单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may sign…</source>
        <translation>签单人…</translation>
    </message>
</context>
<context>
    <name>CardEditor</name>
    <message>
        <location filename="../../src/guestcard/gui/card_forms.py" line="+83"/>
        <source>Edit %1</source>
        <translation>编辑%1</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>(confidential)</source>
        <translation>（保密）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential: left out of staff copies and exports unless asked</source>
        <translation>保密：员工版打印和导出中默认不含此项</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/card_editor.py" line="+385"/>
        <source>%1 cannot be empty</source>
        <translation>%1不能为空</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Imported as “%1”, which could not be read</source>
        <translation>导入时为“%1”，无法识别</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/card_operations.py" line="+136"/>
        <source>Not saved: correct the fields marked in red</source>
        <translation>未保存：请更正标红的栏目</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+2"/>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This customer was deleted elsewhere.</source>
        <translation>该客户已在别处被删除。</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/card_editor.py" line="+60"/>
        <location filename="../../src/guestcard/gui/card_operations.py" line="+28"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/card_operations.py" line="+45"/>
        <source>The card of %1 has changes that are not saved.</source>
        <translation>%1的档案卡有尚未保存的修改。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Delete customer</source>
        <translation>删除客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete %1 and everything about them (visits, contacts, relations)? This cannot be undone.</source>
        <translation>删除%1及其全部资料（到店记录、联系记录、关系）？此操作无法撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/card_editor.py" line="-2"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Class %1</source>
        <translation>%1 类客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Visits (%1)</source>
        <translation>到店记录（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts (%1)</source>
        <translation>联系记录（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relations (%1)</source>
        <translation>关系（%1）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Other columns</source>
        <translation>其他栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheet columns no form field took, kept as imported</source>
        <translation>表格中未对应到档案卡栏目的列，按导入原样保留</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pick a customer in the list to see their cards.

Ctrl+N makes a new one.</source>
        <translation>在列表中选择一位客户，即可查看其档案卡。

按 Ctrl+N 新建客户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the card (Ctrl+S)</source>
        <translation>保存档案卡（Ctrl+S）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop the changes not yet saved</source>
        <translation>放弃尚未保存的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print card…</source>
        <translation>打印客户卡…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete customer…</source>
        <translation>删除客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
</context>
<context>
    <name>ChargeDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/payment_dialog.py" line="+152"/>
        <source>Put a bill on the account</source>
        <translation>签单挂账</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed by</source>
        <translation>签单人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill no.</source>
        <translation>单号</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../src/guestcard/gui/chart_card.py" line="+51"/>
        <source>Save PNG…</source>
        <translation>保存 PNG…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this chart as a PNG picture</source>
        <translation>将此图表保存为 PNG 图片</translation>
    </message>
</context>
<context>
    <name>ChurnAlertsBox</name>
    <message>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="+203"/>
        <location line="+55"/>
        <source>Log call…</source>
        <translation>记录致电…</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Log a call and set the next follow-up</source>
        <translation>记录一次电话联系，并设定下次跟进</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Regulars who stopped coming — %1</source>
        <translation>不再光顾的常客 — %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A regular is listed when the last 90 days fell well below their usual visits or spending; a customer called in the last %1 days is left out.</source>
        <translation>近 90 天的到店次数或消费明显低于以往的常客会列在这里；最近 %1 天内已致电的客户不列出。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/conflict.py" line="+75"/>
        <source>Changed elsewhere</source>
        <translation>已在别处修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This card was saved by someone else (or in another window) after you opened it. These fields differ:</source>
        <translation>您打开此档案卡后，有其他人（或另一个窗口）保存了它。以下栏目不一致：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep my changes</source>
        <translation>保留我的修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the saved version</source>
        <translation>采用已保存的版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/contact.py" line="+103"/>
        <source>Edit contact</source>
        <translation>编辑联系记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New contact</source>
        <translation>新建联系记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key points</source>
        <translation>要点</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Intent</source>
        <translation>意向</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In person</source>
        <translation>面谈</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Text message</source>
        <translation>短信</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Visit</source>
        <translation>拜访</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How likely they are to book: O (booked), A (high) … D (low)</source>
        <translation>预订可能性：O（已预订）、A（高）… D（低）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow up on</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-up done</source>
        <translation>已跟进</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The follow-up date is before the contact date.</source>
        <translation>跟进日期早于联系日期。</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+351"/>
        <source>No contacts yet: calls, WeChat messages and visits to the guest go here.</source>
        <translation>还没有联系记录：电话、微信和上门拜访都记在这里。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add contact…</source>
        <translation>添加联系记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Delete contact</source>
        <translation>删除联系记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the contact of %1?</source>
        <translation>删除 %1 的这条联系记录？</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <location filename="../../src/guestcard/gui/customers_page.py" line="+210"/>
        <location line="+220"/>
        <source>All tags</source>
        <translation>全部标签</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+187"/>
        <source>All account managers</source>
        <translation>全部客户经理</translation>
    </message>
    <message>
        <location line="-185"/>
        <location line="+187"/>
        <source>My guests</source>
        <translation>我的客户</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>No customer matches “%1”.</source>
        <translation>没有与“%1”匹配的客户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customer in this class, type or tag.</source>
        <translation>此等级、类型或标签下没有客户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No customers yet: Ctrl+N makes one, Ctrl+I imports a spreadsheet.</source>
        <translation>还没有客户：按 Ctrl+N 新建，按 Ctrl+I 导入表格。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>More than %1 customers match; type more to narrow the search</source>
        <translation>匹配的客户超过 %1 位，请输入更多内容缩小范围</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 customers</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 customer</source>
        <translation>1 位客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 customer matches</source>
        <translation>匹配 1 位客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 customers match</source>
        <translation>匹配 %1 位客户</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>Search: name, pinyin, initials (wjg), phone digits, company, dishes…</source>
        <translation>搜索：姓名、拼音、首字母（wjg）、电话号码、单位、菜品…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+F</source>
        <translation>Ctrl+F</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All classes</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class A</source>
        <translation>A 类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class B</source>
        <translation>B 类</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class C</source>
        <translation>C 类</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Individuals</source>
        <translation>个人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organisations</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the columns of the list</source>
        <translation>选择列表显示的列</translation>
    </message>
</context>
<context>
    <name>DashboardCharts</name>
    <message>
        <location filename="../../src/guestcard/gui/insights_charts.py" line="+69"/>
        <source>Visits and spending by month</source>
        <translation>每月到店次数与消费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New and returning guests by month</source>
        <translation>每月新客与回头客</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers by class</source>
        <translation>各等级客户数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers by loyalty segment</source>
        <translation>各忠诚度分群客户数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top dishes ordered</source>
        <translation>点单最多的菜品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Favourite drinks on the cards</source>
        <translation>档案卡上的喜好酒水</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No class</source>
        <translation>未分级</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+21"/>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="+38"/>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Spending</source>
        <translation>消费</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Spending (¥10,000)</source>
        <translation>消费（万元）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Spending (¥1,000)</source>
        <translation>消费（千元）</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="+0"/>
        <source>Spending (¥)</source>
        <translation>消费（¥）</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_charts.py" line="+9"/>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="+0"/>
        <source>New guests</source>
        <translation>新客</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="+0"/>
        <source>Returning guests</source>
        <translation>回头客</translation>
    </message>
    <message>
        <location line="+69"/>
        <location line="+10"/>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="+4"/>
        <location line="+5"/>
        <location line="+4"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="-1"/>
        <source>Times ordered</source>
        <translation>点单次数</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="-12"/>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Guests</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+15"/>
        <location line="+7"/>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Dish</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drink</source>
        <translation>酒水</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+4"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <location line="+7"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Current class</source>
        <translation>当前等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Suggested class</source>
        <translation>建议等级</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+7"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Occasion</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Favourite dishes</source>
        <translation>喜好菜品</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classes</source>
        <translation>等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segments</source>
        <translation>分群</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top dishes</source>
        <translation>热门菜品</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top drinks</source>
        <translation>热门酒水</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class suggestions</source>
        <translation>等级调整建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Churn alerts</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthdays and anniversaries</source>
        <translation>生日和纪念日</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_report.py" line="+57"/>
        <source>Guest dashboard</source>
        <translation>客户看板</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>… and %1 more in the xlsx tables</source>
        <translation>……另有 %1 条，见 xlsx 表格</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>None.</source>
        <translation>无。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The rules</source>
        <translation>规则说明</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_tables.py" line="+18"/>
        <source>As of %1 · %2 customers · from %3: %4 visits, %5 spent · %6 class suggestions · %7 churn alerts</source>
        <translation>截至 %1 · 客户 %2 位 · 自 %3 起：到店 %4 次，消费 %5 · 等级调整建议 %6 条 · 流失预警 %7 条</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../src/guestcard/gui/dashboard.py" line="+303"/>
        <source>Reading the visits…</source>
        <translation>正在读取到店记录…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The figures could not be read: %1</source>
        <translation>无法读取数据：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+128"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="-85"/>
        <source>Accept every suggestion</source>
        <translation>采纳全部建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the suggested class of %1 customers? Each change is kept in the card&apos;s history.</source>
        <translation>将 %1 位客户改为建议的等级吗？每次修改都会记入档案卡的历史。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set %1 classes</source>
        <translation>修改 %1 位客户的等级</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Cancelled: no class was changed.</source>
        <translation>已取消，未修改任何等级。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class suggestions</source>
        <translation>等级调整建议</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 class changed.</source>
        <translation>已修改 1 位客户的等级。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 classes changed.</source>
        <translation>已修改 %1 位客户的等级。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 skipped: their cards were changed or deleted meanwhile.</source>
        <translation>跳过 %1 位：其档案卡在此期间已被修改或删除。</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_exports.py" line="+42"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 无法写入：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save the chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Guest dashboard</source>
        <translation>客户看板</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the dashboard as PDF</source>
        <translation>将看板保存为 PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF report (*.pdf)</source>
        <translation>PDF 报告 (*.pdf)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the tables</source>
        <translation>保存表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard.py" line="+33"/>
        <source>Last %1 months</source>
        <translation>最近 %1 个月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF report…</source>
        <translation>PDF 报告…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole dashboard as a PDF report</source>
        <translation>将整个看板导出为 PDF 报告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tables (xlsx)…</source>
        <translation>表格（xlsx）…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every table of the dashboard as an Excel workbook</source>
        <translation>将看板中的所有表格导出为 Excel 工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Class suggestions (%1)</source>
        <translation>等级调整建议（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Birthdays, next %1 days (%2)</source>
        <translation>未来 %1 天的生日（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periodic review</source>
        <translation>定期盘点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept selected</source>
        <translation>采纳所选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept all</source>
        <translation>全部采纳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class from spending</source>
        <translation>按消费定等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loyalty segments</source>
        <translation>忠诚度分群</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Churn alerts</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credit (corporate accounts)</source>
        <translation>信用（挂账单位）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 customers would change class.</source>
        <translation>%1 位客户的等级将会调整。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first %1 are listed; Accept all sets every one.</source>
        <translation>只列出前 %1 位；“全部采纳”会修改全部客户。</translation>
    </message>
</context>
<context>
    <name>DryRunPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/dry_run_page.py" line="+88"/>
        <location line="+31"/>
        <source>Trial run</source>
        <translation>试导入</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>Save the list of problems…</source>
        <translation>保存问题清单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row %v of %m</source>
        <translation>第 %v / %m 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The import is tried without writing anything. Rows with errors are not imported; warnings keep the row and the text that could not be read.</source>
        <translation>先试导入一遍，不写入任何数据。有错误的行不会导入；有警告的行照常导入，无法识别的文字原样保留。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replace the values of cards I have with the sheet&apos;s where they differ</source>
        <translation>已有档案卡的值与表格不同时，用表格中的值替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Without this, a card keeps what it says; the sheet only fills in what the card lacks, and its other values are noted in the card&apos;s history.</source>
        <translation>不勾选时，档案卡保留原有的值；表格只补上档案卡中空着的内容，其余不同的值记入档案卡的历史记录。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Save the list of problems</source>
        <translation>保存问题清单</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 无法写入：%2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cards you already have: %1 values filled in or replaced, %2 kept as the card has them (the sheet says otherwise).</source>
        <translation>已有的档案卡：%1 项补上或替换，%2 项保留档案卡原值（表格中的值不同）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reading and checking every row…</source>
        <translation>正在读取并检查每一行…</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1 rows: %2 new guests, %3 cards updated, %4 unchanged. %5 errors, %6 warnings.</source>
        <translation>共 %1 行：新客户 %2 位，更新档案卡 %3 张，无变化 %4 行。错误 %5 处，警告 %6 处。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From the export&apos;s own sheets: %1 visits and %2 contacts added (%3 already on the cards). Relations between guests are not in an export and are not restored.</source>
        <translation>来自导出文件自带的工作表：添加到店记录 %1 条、联系记录 %2 条（%3 条档案卡上已有）。导出文件不含客人之间的关系，不会恢复。</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/run_pages.py" line="+50"/>
        <source>Guests you already have</source>
        <translation>已有的客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A row is a guest you already have when the mobile number is the same, or the name and the company or birthday are.</source>
        <translation>手机号相同，或姓名相同且单位或生日也相同的行，视为已有客户。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update their cards: fill in what they lack; values that differ as chosen on the trial run (kept, or replaced); nothing is blanked</source>
        <translation>更新其档案卡：补上空着的内容；不同的值按试导入页的选择（保留或替换）；不会清空任何内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave their cards alone (skip those rows)</source>
        <translation>不改动其档案卡（跳过这些行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make a new card for every row</source>
        <translation>每一行都新建档案卡</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/duplicates_page.py" line="+38"/>
        <source>same phone</source>
        <translation>同一电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same e-mail</source>
        <translation>同一邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same name and company</source>
        <translation>同名同单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same surname and birthday</source>
        <translation>同姓同生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same pinyin, one character different</source>
        <translation>姓名同音、一字之差</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same name</source>
        <translation>同名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same company</source>
        <translation>同单位</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+107"/>
        <source>Possible duplicates</source>
        <translation>可能重复的档案</translation>
    </message>
    <message>
        <location line="-104"/>
        <source>Looking for cards of one guest…</source>
        <translation>正在查找同一位客人的多张档案卡…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Merge…</source>
        <translation>合并…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not the same guest</source>
        <translation>不是同一位客人</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 pairs of cards among %2 look like one guest; merge them, or say they are different guests.</source>
        <translation>%2 张档案卡中有 %1 对像是同一位客人：可以合并，或标记为不同的客人。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/export_dialog.py" line="+148"/>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fields</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential</source>
        <translation>保密内容</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every customer</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The customers the list shows now (search and filters)</source>
        <translation>列表当前显示的客户（按搜索和筛选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected customers (%1)</source>
        <translation>选中的客户（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every field of every card</source>
        <translation>所有档案卡的全部栏目</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Include confidential fields (manager&apos;s copy)</source>
        <translation>包含保密栏目（经理版）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in Excel</source>
        <translation>用 Excel 打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reading the customers…</source>
        <translation>正在读取客户…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Stopping… no file will be written.</source>
        <translation>正在停止…不会写入文件。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing %1 of %2 customers to %3…</source>
        <translation>正在写入 %3：第 %1 / %2 位客户…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 customers written to %2</source>
        <translation>已将 %1 位客户写入 %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not exported: %1</source>
        <translation>未导出：%1</translation>
    </message>
</context>
<context>
    <name>FestivalClassesDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/festival_dialog.py" line="+25"/>
        <source>Festival greetings</source>
        <translation>节日问候</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At each festival the Today page and the agenda list the guests of the classes ticked here, to send them greetings.</source>
        <translation>每逢节日，“今天”页和日程会列出这里勾选的等级的客户，以便送上问候。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Class %1</source>
        <translation>%1 类客户</translation>
    </message>
</context>
<context>
    <name>FieldEditor</name>
    <message>
        <location filename="../../src/guestcard/gui/date_editor.py" line="+90"/>
        <source>Lunar</source>
        <translation>农历</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A date of the Chinese calendar, such as lunar 3/2 or lunar 8/15/1958</source>
        <translation>农历日期，例如 农历三月初二 或 1958年农历八月十五</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>3/2 (lunar) or leap 4/1</source>
        <translation>农历三月初二 或 闰四月初一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1985-03-02 or 03-02</source>
        <translation>1985-03-02 或 03-02</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A date such as 1985-03-02 or 1985年3月2日; a birthday without the year as 03-02 or 3月2日</source>
        <translation>日期，如 1985-03-02 或 1985年3月2日；不知道年份的生日写作 03-02 或 3月2日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pick a date</source>
        <translation>选择日期</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>%1 next year</source>
        <translation>明年%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 this year</source>
        <translation>今年%1</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/file_pages.py" line="+59"/>
        <source>Which file?</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An Excel workbook (.xlsx, .xls), an OpenDocument sheet (.ods) or a CSV file.</source>
        <translation>Excel 工作簿（.xlsx、.xls）、OpenDocument 表格（.ods）或 CSV 文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the file, or drag it here. Nothing is written until the last step, and every import can be undone.</source>
        <translation>请选择文件，或将文件拖到这里。到最后一步才会写入数据，而且每次导入都可以撤销。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import a spreadsheet</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)</source>
        <translation>表格文件 (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>GreetingsBar</name>
    <message>
        <location filename="../../src/guestcard/gui/greetings_bar.py" line="+96"/>
        <source>Choose a birthday or festival row first</source>
        <translation>请先选择一行生日或节日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No greeting for this row</source>
        <translation>这一行没有祝福语</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No greetings left to send today</source>
        <translation>今天的祝福都已发送</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copied %1 greetings: paste them into WeChat</source>
        <translation>已复制 %1 条祝福，可粘贴到微信</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Copy greeting</source>
        <translation>复制祝福语</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy all for today (%1)</source>
        <translation>复制今天全部祝福（%1）</translation>
    </message>
</context>
<context>
    <name>GreetingsDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/greetings_dialog.py" line="+66"/>
        <location line="+39"/>
        <source>Greeting texts</source>
        <translation>祝福语</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>Occasion</source>
        <translation>场合</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Placeholders: {称呼} how the guest is addressed, {姓名} {姓} {年龄} {菜} favourite dish, {酒水}, {包间} preferred room, {节日}, {经理} account manager, {酒店} restaurant (or their English names: {salutation} {dish}…). A part in [square brackets] is left out when a placeholder in it is empty.</source>
        <translation>占位符：{称呼} 对客人的称呼，{姓名} {姓} {年龄} {菜} 喜爱的菜，{酒水}，{包间} 常用包间，{节日}，{经理} 客户经理，{酒店} 餐厅名称（也可用英文名：{salutation} {dish}…）。方括号 [ ] 中的部分在其中的占位符为空时省略。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/staff_dialogs.py" line="+212"/>
        <source>Hand over guests</source>
        <translation>移交客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guests of</source>
        <translation>原客户经理</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Give them to</source>
        <translation>移交给</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand over</source>
        <translation>移交</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 guests will move from %2 to %3.</source>
        <translation>将把 %1 位客户从 %2 移交给 %3。</translation>
    </message>
</context>
<context>
    <name>ImportChanges</name>
    <message>
        <location filename="../../src/guestcard/gui/import_changes.py" line="+16"/>
        <source>Filled in</source>
        <translation>补上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaced by the sheet&apos;s</source>
        <translation>用表格中的值替换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kept as on the card (the sheet&apos;s noted in its history)</source>
        <translation>保留档案卡原值（表格中的值记入历史记录）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/issues.py" line="+30"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/wizard.py" line="+64"/>
        <source>Import guests from a spreadsheet</source>
        <translation>从表格导入客户</translation>
    </message>
</context>
<context>
    <name>IntentLevelsDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/intent_dialog.py" line="+74"/>
        <source>Intent levels and follow-up rules</source>
        <translation>意向级别与回访规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Chinese label</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>English label</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour</source>
        <translation>颜色</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Follow up after (days)</source>
        <translation>回访间隔（天）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A contact logged with a level proposes the next follow-up this many days later; a prospect not contacted for longer is flagged on the Today page. Leave the days empty for no rule (lost, no intent).</source>
        <translation>记录联系时选定意向级别，即按此天数建议下次回访日期；超过此天数未联系的意向客户会在“今天”页标出。天数留空表示不设回访规则（战败、无意向）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a level</source>
        <translation>添加级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the level</source>
        <translation>删除级别</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Row %1: the days are a whole number, or empty</source>
        <translation>第 %1 行：天数须为整数或留空</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/labels_dialog.py" line="+95"/>
        <source>Address labels</source>
        <translation>地址标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Label sheet</source>
        <translation>标签纸</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Custom (from the settings)</source>
        <translation>自定义（见设置）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The customers of the list</source>
        <translation>列表中的客户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The selected customers (%1)</source>
        <translation>选中的客户（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Making the labels…</source>
        <translation>正在生成标签…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 labels</source>
        <translation>%1 张标签</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 without an address left out</source>
        <translation>%1 位没有地址，未打印</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Save the labels</source>
        <translation>保存标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
</context>
<context>
    <name>LogCallDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="-173"/>
        <source>Log a call</source>
        <translation>记录电话联系</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Called: we miss you</source>
        <translation>致电问候：期待再次光临</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key points</source>
        <translation>要点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intent</source>
        <translation>意向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1, phone %2</source>
        <translation>%1，电话 %2</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/guestcard/gui/main_window.py" line="+187"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find…</source>
        <translation>查找…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/window_customers.py" line="+91"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revert card</source>
        <translation>还原档案卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete customer…</source>
        <translation>删除客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possible duplicates…</source>
        <translation>可能重复的档案…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merges…</source>
        <translation>合并记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印客户卡…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address labels…</source>
        <translation>地址标签…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open another database…</source>
        <translation>打开其他数据库…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/window_customers.py" line="+42"/>
        <source>Add demo data</source>
        <translation>添加演示数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/guestcard/gui/window_dialogs.py" line="+164"/>
        <source>About guestcard</source>
        <translation>关于 guestcard</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Switch the language of the window</source>
        <translation>切换界面语言</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Customer</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opening the guest file…</source>
        <translation>正在打开客史档案…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(read-only: its folder cannot be written)</source>
        <translation>（只读：所在文件夹无法写入）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opening the database…</source>
        <translation>正在打开数据库…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The daily backup failed: %1</source>
        <translation>每日备份失败：%1</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Read-only: the folder of this guest file cannot be written, so nothing can be changed</source>
        <translation>只读：此客户档案所在的文件夹无法写入，不能做任何修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read-only: this guest file is open for reading only, so nothing can be changed</source>
        <translation>只读：此客户档案以只读方式打开，不能做任何修改</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open a guest file</source>
        <translation>打开客史档案</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>guestcard database (*.sqlite3 *.db)</source>
        <translation>guestcard 数据库 (*.sqlite3 *.db)</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/window_customers.py" line="-27"/>
        <source>Same phone number</source>
        <translation>电话号码相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 already has the phone number %2. Is it the same guest?</source>
        <translation>%1 的电话号码也是 %2。是同一位客户吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the existing card</source>
        <translation>打开已有档案卡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Create a new card anyway</source>
        <translation>仍然新建档案卡</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+19"/>
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Add 200 made-up guests with visits and reservations to this file?</source>
        <translation>向此档案添加 200 位虚构客户（含到店记录和预订）？</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Adding the demo guests…</source>
        <translation>正在添加演示客户…</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/window_dialogs.py" line="-43"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the guest file at %1 now?</source>
        <translation>现在打开位于 %1 的客史档案吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open it</source>
        <translation>打开</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>guestcard %1
Guest history cards for hotel restaurants.</source>
        <translation>guestcard %1
酒店餐厅客史档案管理。</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/main_window.py" line="+97"/>
        <source>Work in progress</source>
        <translation>任务进行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Something is still running. Stop it and quit?</source>
        <translation>还有任务在运行。停止并退出吗？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop and quit</source>
        <translation>停止并退出</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/mapping_page.py" line="+68"/>
        <source>Columns</source>
        <translation>列对应</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What each column of the sheet is. Columns no field takes are kept as extra fields on the card and exported again.</source>
        <translation>设定表格每一列对应的栏目。未对应到栏目的列会作为附加栏目保存在档案卡上，导出时一并导出。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this mapping…</source>
        <translation>保存此对应关系…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use a saved mapping…</source>
        <translation>使用已保存的对应关系…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(ignore this column)</source>
        <translation>（忽略此列）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept as an extra field</source>
        <translation>作为附加栏目保留</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Record number of an export</source>
        <translation>导出文件中的记录编号</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Original text of %1</source>
        <translation>%1的原文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Organisation&apos;s name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No column is the name: pick the column with the guests&apos; names.</source>
        <translation>没有列对应到姓名：请选择客户姓名所在的列。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Two columns go to the same field; the second is kept as an extra field.</source>
        <translation>有两列对应到同一栏目；第二列将作为附加栏目保留。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your saved mapping %1 fits this sheet and is used; change any drop-down that is wrong.</source>
        <translation>已套用与此表相符的已保存对应关系 %1；有误的下拉框请改正。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Check the guesses; change any drop-down that is wrong.</source>
        <translation>请核对自动识别的结果，有误的下拉框请改正。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Save the mapping</source>
        <translation>保存对应关系</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Mapping (*.json)</source>
        <translation>对应关系 (*.json)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>%1 could not be written: %2</source>
        <translation>%1 无法写入：%2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Use a saved mapping</source>
        <translation>使用已保存的对应关系</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+15"/>
        <source>Mapping</source>
        <translation>对应关系</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/merge_dialog.py" line="+39"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+119"/>
        <source>Merge two cards</source>
        <translation>合并两张档案卡</translation>
    </message>
    <message>
        <location line="-116"/>
        <source>Reading both cards…</source>
        <translation>正在读取两张档案卡…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Every visit, reservation, contact, relation and photo of the second card moves to the first; the merge can be undone.</source>
        <translation>第二张卡的全部到店记录、预订、联系记录、关系和照片都会移到第一张卡；合并可以撤销。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Keep card #%1 (%2) and merge #%3 (%4) into it. Pick which value stays:</source>
        <translation>保留档案卡 #%1（%2），把 #%3（%4）并入。请选择保留哪个值：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Field</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>#%1 (kept)</source>
        <translation>#%1（保留）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Keep both</source>
        <translation>两者都保留</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Filled in from #%1 (the kept card has no value): %2</source>
        <translation>从 #%1 补入（保留的卡上为空）：%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The two cards do not contradict each other.</source>
        <translation>两张卡的内容没有冲突。</translation>
    </message>
</context>
<context>
    <name>MergesDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/merges_dialog.py" line="+46"/>
        <source>merged</source>
        <translation>已合并</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>undone on %1</source>
        <translation>已于 %1 撤销</translation>
    </message>
    <message>
        <location line="+28"/>
        <location line="+74"/>
        <location line="+13"/>
        <location line="+4"/>
        <source>Merges</source>
        <translation>合并记录</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Reading the merges…</source>
        <translation>正在读取合并记录…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Undo this merge…</source>
        <translation>撤销这次合并…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1 merges, %2 of them not undone. Choose one and undo it: both cards are back as they were.</source>
        <translation>共 %1 次合并，其中 %2 次未撤销。选中一次即可撤销：两张卡片恢复原样。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No cards have been merged yet.</source>
        <translation>还没有合并过卡片。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Undo merge %1? Card #%2 is a card of its own again, and what it brought moves back from #%3.</source>
        <translation>撤销第 %1 次合并？卡片 #%2 重新独立，它带来的记录从 #%3 移回。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Undo merge</source>
        <translation>撤销合并</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>This merge cannot be undone: %1</source>
        <translation>这次合并无法撤销：%1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../src/guestcard/gui/messages.py" line="+19"/>
        <source>name: a customer needs a name</source>
        <translation>姓名：客户必须有姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kind: %1 is not one of %2</source>
        <translation>kind（类型）：%1 不是 %2 之一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class: %1 is not A, B or C</source>
        <translation>class（类别）：%1 不是 A、B 或 C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>gender: %1 is not male or female</source>
        <translation>gender（性别）：%1 不是男或女</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 characters, at most %3</source>
        <translation>%1：%2 个字符，最多 %3 个</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: no form has a field called %2</source>
        <translation>%1：没有哪张表格有名为 %2 的栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+179"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="-178"/>
        <source>party: the party size must be at least 1</source>
        <translation>人数：至少 1 人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>spend: the amount cannot be negative</source>
        <translation>消费：金额不能为负</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>next: the follow-up date is before the contact date</source>
        <translation>下次跟进：跟进日期早于联系日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a customer cannot be related to themselves</source>
        <translation>客户不能与自己建立关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo: only JPEG and PNG pictures can be kept</source>
        <translation>照片：只能保存 JPEG 和 PNG 图片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo: %1 KB is too large (at most 5 MB)</source>
        <translation>照片：%1 KB 太大（最多 5 MB）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no customer with id %1</source>
        <translation>没有编号为 %1 的客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no visit with id %1</source>
        <translation>没有编号为 %1 的到店记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no contact record with id %1</source>
        <translation>没有编号为 %1 的联系记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no relation with id %1</source>
        <translation>没有编号为 %1 的关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no register entry with id %1</source>
        <translation>没有编号为 %1 的登记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no account with id %1</source>
        <translation>没有编号为 %1 的挂账账户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer %1 has no account (guestcard account open %1 --limit …)</source>
        <translation>客户 %1 没有挂账账户（guestcard account open %1 --limit … 开户）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no entry %1 on this account (guestcard account show %2)</source>
        <translation>该账户没有第 %1 笔记录（guestcard account show %2 查看）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no corporate customer of that name (give its id: guestcard list --kind corporate)</source>
        <translation>没有这个名称的协议单位（请给出编号：guestcard list --kind corporate）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no import batch %1</source>
        <translation>没有第 %1 批导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import batch %1 was already undone on %2</source>
        <translation>第 %1 批导入已于 %2 撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no merge %1</source>
        <translation>没有第 %1 次合并</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no staff member called %1 (guestcard staff list shows them)</source>
        <translation>没有名叫 %1 的员工（guestcard staff list 列出全部员工）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the charge of %1 would take the balance to %2, past the credit limit of %3: confirm it (--over-limit) or take another payment</source>
        <translation>这笔 %1 的挂账将使余额达到 %2，超过信用额度 %3：请确认（--over-limit）或先收一笔款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the amount must be more than 0</source>
        <translation>%1：金额必须大于 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the amount is too large</source>
        <translation>%1：金额过大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: at most two decimals (fen)</source>
        <translation>%1：最多两位小数（到分）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>method: %1 is not one of 转账/支票/现金/微信 (transfer, cheque, cash, wechat)</source>
        <translation>付款方式：%1 不是转账、支票、现金或微信之一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the guest file is busy: an import (process %2, since %3) is running; try again when it ends</source>
        <translation>%1：客户档案正忙：一项导入正在进行（进程 %2，%3 开始）；请等它结束后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the guest file is busy: %2 is running; try again when it ends</source>
        <translation>%1：客户档案正忙：%2 正在进行；请等它结束后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the guest file is busy: another guestcard is writing to it; try again in a moment</source>
        <translation>%1：客户档案正忙：另一个 guestcard 正在写入；请稍后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the guest file is busy: an import (process %1, since %2) is running; waiting for it to end…</source>
        <translation>客户档案正忙：一项导入正在进行（进程 %1，%2 开始）；正在等它结束…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the guest file is busy: %1 is running; waiting for it to end…</source>
        <translation>客户档案正忙：%1 正在进行；正在等它结束…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the connection to the database server was lost; nothing of this command was saved (try again when the server is back)</source>
        <translation>%1：与数据库服务器的连接已断开；这条命令什么也没有保存（服务器恢复后请再试）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>empty date</source>
        <translation>日期为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty phone number</source>
        <translation>电话号码为空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a real date</source>
        <translation>%1 不是有效日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a date</source>
        <translation>%1 不是日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>cannot read %1 as a date</source>
        <translation>无法将 %1 识别为日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is ambiguous: month/day or day/month (%2 or %3)</source>
        <translation>%1 的月和日有歧义（%2 还是 %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is ambiguous as a month and day (%2 or %3)</source>
        <translation>%1 的月和日有歧义（%2 还是 %3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel serial 60 is 29 February 1900, a day that never was</source>
        <translation>Excel 序号 60 是 1900 年 2 月 29 日，这一天并不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has %2 digits, not a phone number</source>
        <translation>%1 有 %2 位数字，不是电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a possible phone number</source>
        <translation>%1 不可能是电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a phone number</source>
        <translation>%1 不是电话号码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a customer class (A, B or C)</source>
        <translation>%1 不是客户等级（A、B 或 C）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a gender (男/女, M/F)</source>
        <translation>%1 不是性别（男/女、M/F）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is too large an amount</source>
        <translation>%1 金额过大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not an amount (commas must separate thousands)</source>
        <translation>%1 不是金额（逗号只能用作千位分隔符）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not an amount</source>
        <translation>%1 不是金额</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not yes or no</source>
        <translation>%1 不是“是”或“否”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not one of the choices (%2)</source>
        <translation>%1 不是可选项之一（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not an email address</source>
        <translation>%1 不是电子邮件地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a number</source>
        <translation>%1 不是数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is too large a number (at most %2 digits)</source>
        <translation>%1 数字太大（最多 %2 位）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1; kept as text, the field left empty</source>
        <translation>%1；已按原文保留，该栏目留空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the row has no name; not imported</source>
        <translation>该行没有姓名，未导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the cell shows the error %1; left empty</source>
        <translation>单元格显示错误 %1，已留空</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the sheet is hidden in the workbook; read anyway</source>
        <translation>该工作表在工作簿中是隐藏的，仍已读取</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no column of the header row is the name; choose the name column</source>
        <translation>表头行中没有姓名列，请指定姓名所在的列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the name “%1” is a date, a number, a section heading or a placeholder, not a guest; row skipped</source>
        <translation>姓名“%1”是日期、数字、分段标题或占位符，不是客人；此行跳过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 characters, at most %2; row not imported</source>
        <translation>%1 个字符，最多 %2 个；这一行未导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 NUL character removed</source>
        <translation>已删除 %1 个 NUL 字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 NUL characters removed</source>
        <translation>已删除 %1 个 NUL 字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>vCard %1: the photo is not imported: it is not a JPEG or PNG picture</source>
        <translation>第 %1 张名片：照片未导入：不是 JPEG 或 PNG 图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vCard %1: the photo is not imported: %2 KB is too large (at most 5 MB)</source>
        <translation>第 %1 张名片：照片未导入：%2 KB 太大（最多 5 MB）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vCard %1: the photo is not imported: its data cannot be read</source>
        <translation>第 %1 张名片：照片未导入：图片数据无法读取</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vCard %1: the photo is not imported: it is a link, not a picture in the file</source>
        <translation>第 %1 张名片：照片未导入：是一个链接，文件里没有图片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the date cell holds %1, Excel&apos;s 29 February 1900, a day that never was; kept as text, the field left empty</source>
        <translation>日期单元格存的是 %1，即 Excel 的 1900年2月29日（并不存在的一天）；已按原文保留，该栏目留空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the date cell holds %1, which is no day; kept as text, the field left empty</source>
        <translation>日期单元格存的是 %1，不是任何一天；已按原文保留，该栏目留空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the text encoding is not certain: read as %1; if names look wrong, save the file as UTF-8 and import it again</source>
        <translation>文本编码无法确定：已按 %1 读取；如果姓名显示不对，请把文件另存为 UTF-8 后再导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the cell points to shared string “%1”, which the workbook does not have; left empty</source>
        <translation>单元格指向共享字符串“%1”，工作簿中没有这一项；已留空</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a file</source>
        <translation>%1 不是文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is empty (0 bytes)</source>
        <translation>%1 是空文件（0 字节）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a web page (HTML) saved with a spreadsheet name; open it in Excel and save it as .xlsx</source>
        <translation>%1 是以表格名保存的网页（HTML），请用 Excel 打开后另存为 .xlsx</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is an XML file, not a workbook; open it in Excel and save it as .xlsx</source>
        <translation>%1 是 XML 文件，不是工作簿；请用 Excel 打开后另存为 .xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a PDF document, not a spreadsheet</source>
        <translation>%1 是 PDF 文档，不是表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a Word document, not a spreadsheet</source>
        <translation>%1 是 Word 文档，不是表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a PowerPoint file, not a spreadsheet</source>
        <translation>%1 是 PowerPoint 文件，不是表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is an Office file without a workbook in it</source>
        <translation>%1 是 Office 文件，但其中没有工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is an OpenDocument file but not a spreadsheet</source>
        <translation>%1 是 OpenDocument 文件，但不是电子表格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a ZIP archive, not an Excel workbook</source>
        <translation>%1 是 ZIP 压缩包，不是 Excel 工作簿</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is a text file, not an Excel workbook (rename it to .csv if it is comma- or tab-separated)</source>
        <translation>%1 是文本文件，不是 Excel 工作簿（如果以逗号或制表符分隔，请改名为 .csv）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a text file of unknown kind; save it as .csv or .xlsx</source>
        <translation>%1 是未知格式的文本文件，请另存为 .csv 或 .xlsx</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a spreadsheet (neither .xlsx, .xls nor .csv)</source>
        <translation>%1 不是表格（不是 .xlsx、.xls 或 .csv）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the workbook is password-protected; remove the password in Excel (File &gt; Info &gt; Protect Workbook) and import it again</source>
        <translation>%1：工作簿有密码保护，请在 Excel 中取消密码（文件 &gt; 信息 &gt; 保护工作簿）后再导入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 cannot be backed up to %2 (%3)</source>
        <translation>%1 无法备份到 %2（%3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+47"/>
        <source>%1: encrypted — give the password</source>
        <translation>%1：已加密，请给出密码</translation>
    </message>
    <message>
        <location line="-46"/>
        <location line="+43"/>
        <source>%1: wrong password</source>
        <translation>%1：密码错误</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>%1: wrong password (the backup was made with another one?)</source>
        <translation>%1：密码错误（这份备份是用另一个密码做的？）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot make the backup folder (%2)</source>
        <translation>%1：无法建立备份文件夹（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: no such backup file</source>
        <translation>%1：没有这个备份文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: cannot be replaced (%2)</source>
        <translation>%1：无法替换（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is already open in guestcard (%2)</source>
        <translation>%1 已在 guestcard 中打开（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is being replaced (a password change or a restore); try again when it ends</source>
        <translation>%1 正在被替换（更改密码或恢复备份），请稍后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is in use by another guestcard (a window or a command still running); close it or try again when it ends</source>
        <translation>%1 正被另一个 guestcard 使用（窗口或仍在运行的命令），请关闭它或稍后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: cannot make a new guest file there (%2)</source>
        <translation>%1：无法在那里新建客史档案文件（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the folder of %1 is read-only (%2); nothing was changed</source>
        <translation>%1 所在的文件夹是只读的（%2），没有做任何修改</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be read: its folder is read-only and its -wal file holds changes not yet in it; open it once where its folder can be written</source>
        <translation>无法读取 %1：所在文件夹是只读的，而旁边的 -wal 文件里还有尚未写入的修改；请在可以写入的文件夹里打开一次</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 must be brought up to date by this guestcard and its folder is read-only; open it once where its folder can be written</source>
        <translation>%1 需要由本版本 guestcard 升级，但所在文件夹是只读的；请在可以写入的文件夹里打开一次</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: cannot use the guest file (%2)</source>
        <translation>%1：无法使用这个客史档案文件（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: cannot be reached (%2)</source>
        <translation>%1：无法访问（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: an interrupted replacement cannot be finished (%2)</source>
        <translation>%1：一次被中断的替换无法完成（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: missing, and %2 beside it may hold its customers (an interrupted password change or restore of an older guestcard); nothing was created — move it back in place, or restore a backup</source>
        <translation>%1：文件不见了，旁边的 %2 可能还保存着它的客户（旧版 guestcard 被中断的改密码或恢复）；什么也没有新建——请把它移回原处，或恢复一份备份</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: a password is for an SQLite file; a server database has its own</source>
        <translation>%1：密码只用于 SQLite 文件；服务器数据库有它自己的密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: cannot open database (%2)</source>
        <translation>%1：无法打开数据库（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not encrypted — open it without a password</source>
        <translation>%1：没有加密，请不用密码打开</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: not a usable guestcard database (%2)</source>
        <translation>%1：不是可用的 guestcard 数据库（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: damaged (%2)</source>
        <translation>%1：文件已损坏（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: made by a newer guestcard (schema %2); update guestcard to open it</source>
        <translation>%1：由更新版本的 guestcard 建立（结构 %2）；请更新 guestcard 后再打开</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not a guestcard database (it has other tables)</source>
        <translation>%1：不是 guestcard 的数据库（里面有其他程序的表）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: an unfinished guestcard schema that holds data; restore a backup</source>
        <translation>%1：guestcard 的结构没有建完，却已有数据；请恢复一份备份</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the password is empty</source>
        <translation>密码为空</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the password contains a NUL character</source>
        <translation>密码里有 NUL 字符</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: no such database</source>
        <translation>%1：没有这个数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: already has a password (change or remove it)</source>
        <translation>%1：已经有密码了（请更改或去掉它）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: is not a database</source>
        <translation>%1：不是数据库</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: has no password</source>
        <translation>%1：没有密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the new password is the same as the current one</source>
        <translation>%1：新密码和现在的密码相同</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: re-encrypted, but it does not open (%2)</source>
        <translation>%1：已重新加密，却打不开（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; nothing was changed</source>
        <translation>%1；没有做任何修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1; the old file is back</source>
        <translation>%1；原来的文件已放回</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: in use by another program; close it and try again</source>
        <translation>%1：正被另一个程序使用；请关闭它后再试</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: cannot be re-encrypted (%2); nothing was changed</source>
        <translation>%1：无法重新加密（%2）；没有做任何修改</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the re-encrypted copy failed its check</source>
        <translation>%1：重新加密的副本没有通过检查</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the re-encrypted copy does not open (%2)</source>
        <translation>%1：重新加密的副本打不开（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the re-encrypted copy holds %2 customers, not %3</source>
        <translation>%1：重新加密的副本里有 %2 位客户，而不是 %3 位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a password needs the SQLCipher driver: pip install &apos;guestcard[encryption]&apos; (sqlcipher3-wheels)</source>
        <translation>使用密码需要 SQLCipher 驱动：pip install &apos;guestcard[encryption]&apos;（sqlcipher3-wheels）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: waiting for a password change or a restore to finish…</source>
        <translation>%1：正在等待更改密码或恢复备份结束…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: waiting for the other guestcard commands on this file to finish…</source>
        <translation>%1：正在等待这个文件上的其他 guestcard 命令结束…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: backups here are for SQLite files; back up a server database with its own tools (pg_dump)</source>
        <translation>%1：这里的备份只用于 SQLite 文件；服务器数据库请用它自己的工具备份（pg_dump）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: not a guestcard backup (%2)</source>
        <translation>%1：不是 guestcard 的备份（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: not restored: it does not open (%2); the file is as it was</source>
        <translation>%1：没有恢复：它打不开（%2）；文件保持原样</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: header row %2: rows are numbered from 1</source>
        <translation>%1：标题行 %2：行号从 1 开始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: has no sheet named %2 (sheets: %3)</source>
        <translation>%1：没有名为 %2 的工作表（工作表：%3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: row %2 of sheet %3 is empty: it cannot name the columns</source>
        <translation>%1：工作表 %3 的第 %2 行是空的，不能作为列名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: row %2 of the file is empty: it cannot name the columns</source>
        <translation>%1：文件的第 %2 行是空的，不能作为列名</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: no customer header found in sheet %2 (a row naming columns such as 姓名/Name and 手机/Phone within the first 30 rows)</source>
        <translation>%1：工作表 %2 里找不到客户资料的标题行（即前 30 行中写有“姓名/Name”“手机/Phone”等列名的一行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: no customer header found in any sheet (a row naming columns such as 姓名/Name and 手机/Phone within the first 30 rows)</source>
        <translation>%1：所有工作表里都找不到客户资料的标题行（即前 30 行中写有“姓名/Name”“手机/Phone”等列名的一行）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: cannot be read (%2)</source>
        <translation>%1：无法读取（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the workbook is password-protected</source>
        <translation>%1：工作簿有密码保护</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: the workbook is password-protected; remove the password in Excel and import it again</source>
        <translation>%1：工作簿有密码保护，请在 Excel 中取消密码后再导入</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: sheet %2 cannot be read (%3)</source>
        <translation>%1：工作表 %2 无法读取（%3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: is damaged: sheet %2 cannot be read (%3)</source>
        <translation>%1：文件已损坏：工作表 %2 无法读取（%3）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: cannot be read as an Excel workbook (%2)</source>
        <translation>%1：无法作为 Excel 工作簿读取（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: cannot be read as an Excel 97-2003 workbook (%2)</source>
        <translation>%1：无法作为 Excel 97-2003 工作簿读取（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: is damaged: %2 (cut short or corrupted; open it in Excel and save it again, or import an undamaged copy)</source>
        <translation>%1：文件已损坏：%2（被截断或已损坏；请在 Excel 中打开并重新保存，或导入一份完好的副本）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: is not a text file (it holds binary data); not a CSV</source>
        <translation>%1：不是文本文件（里面是二进制数据），不是 CSV</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: is not readable %2 text</source>
        <translation>%1：不是可读的 %2 文本</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: is not a valid JSON mapping (%2)</source>
        <translation>%1：不是有效的 JSON 列对应表（%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: must be a JSON object like {&quot;客户姓名&quot;: &quot;name&quot;, &quot;序号&quot;: null}</source>
        <translation>%1：必须是 JSON 对象，如 {&quot;客户姓名&quot;: &quot;name&quot;, &quot;序号&quot;: null}</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>the guest file</source>
        <translation>客户档案</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/refusal_words.py" line="+12"/>
        <source>%1: an amount is a Decimal, not %2</source>
        <translation>%1：金额应为 Decimal，而不是 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not terms like monthly:10 or days:30</source>
        <translation>%1 不是结算条件（如 monthly:10 或 days:30）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>monthly:N needs a day of the month from 1 to 28</source>
        <translation>monthly:N 需要 1 到 28 之间的日子</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days:N needs 0 to 365 days</source>
        <translation>days:N 需要 0 到 365 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: at most %2 characters</source>
        <translation>%1：最多 %2 个字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>two corporate customers have that name: give the id (guestcard list --kind corporate)</source>
        <translation>有两个协议单位同名：请给出编号（guestcard list --kind corporate）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>signers: at most %1</source>
        <translation>签单人：最多 %1 位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>contract: the end is before the start</source>
        <translation>合同：结束日期早于开始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>customer %1 is not a corporate customer: only a company has an account</source>
        <translation>客户 %1 不是协议单位：只有单位才能开挂账账户</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>customer %1 has an account already (guestcard account show %1)</source>
        <translation>客户 %1 已有挂账账户（guestcard account show %1 查看）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the account is closed: nothing more can be charged to it</source>
        <translation>该账户已关闭：不能再挂账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signer: a charge needs who signed for it (签单人)</source>
        <translation>签单人：挂账必须写明签单人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signer: not one of the people who may sign for this account (guestcard account show %1 lists them)</source>
        <translation>签单人：不是该账户的授权签单人（guestcard account show %1 列出授权签单人）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bill: this bill number is charged to the account already</source>
        <translation>单号：这个单号已经挂在该账户上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>spend: a visit put on an account needs what was spent (--spend)</source>
        <translation>消费：挂账的到店记录必须写明消费金额（--spend）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>charge %1: not an open charge of this account</source>
        <translation>挂账 %1：不是该账户未结清的挂账</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entry %1 is a reversal itself: charge or pay anew instead</source>
        <translation>记录 %1 本身就是冲销：请重新挂账或收款</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>entry %1 is reversed already</source>
        <translation>记录 %1 已经冲销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>charge %1 is paid (in part) by payment %2: reverse the payment first</source>
        <translation>挂账 %1 已由收款 %2 结清（或部分结清）：请先冲销这笔收款</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>month: %1 is not a month like 2026-11</source>
        <translation>月份：%1 不是月份（如 2026-11）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>account of customer %1: no change of limit is suggested</source>
        <translation>客户 %1 的账户：没有调整额度的建议</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the limit was changed meanwhile: look at the suggestion again</source>
        <translation>额度在此期间已被修改：请重新查看建议</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 is not one of %3 (%4)</source>
        <translation>%1：%2 不是 %3（%4）之一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>party: the party size is 1 to 10000</source>
        <translation>人数：1 到 10000 人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>take: neither card has a field %1</source>
        <translation>take：两张卡片都没有栏目 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>both: %1 keeps one value (both: %2)</source>
        <translation>both：%1 只能保留一个值（both 只用于 %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1 cannot be merged into itself</source>
        <translation>#%1 不能合并到它自己</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>table %1 holds customers&apos; rows this version cannot move</source>
        <translation>表 %1 中有本版本无法移动的客户记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>#%1 and #%2 both have a row of %3 (one per card): they cannot be merged until one of them goes</source>
        <translation>#%1 和 #%2 都有一条 %3 记录（每张卡片只能有一条）：删掉其中一条之前不能合并</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>merge %1 was already undone on %2</source>
        <translation>第 %1 次合并已于 %2 撤销</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge %1: card #%2 was merged away or deleted; undo merge %3 first</source>
        <translation>第 %1 次合并：卡片 #%2 已被合并掉或删除；请先撤销第 %3 次合并</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>merge %1: card #%2 was merged away or deleted since</source>
        <translation>第 %1 次合并：卡片 #%2 此后已被合并掉或删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>merge %1: a card #%2 exists already</source>
        <translation>第 %1 次合并：卡片 #%2 已经存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to: the review ends before it starts</source>
        <translation>截止日期：回顾的结束日期早于开始日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lost months: 1 to 120</source>
        <translation>流失月数：1 到 120</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>role: %1 is not one of %2 (经理/客户经理/前台/服务员)</source>
        <translation>职务：%1 不是经理、客户经理、前台或服务员之一（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: a staff member needs a name</source>
        <translation>%1：员工必须有姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name: %1 is on the staff list already</source>
        <translation>姓名：%1 已在员工名单上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>login: %1 belongs to another staff member</source>
        <translation>登录名：%1 属于另一位员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 has left already (on %2)</source>
        <translation>%1 已于 %2 离职</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to: the guests already belong to this owner</source>
        <translation>接手人：这些客人本来就归此人负责</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to: %1 has left; choose someone still working here</source>
        <translation>接手人：%1 已离职；请选一位在职员工</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ids: customer %1 is not a guest of %2</source>
        <translation>编号：客户 %1 不归 %2 负责</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>user: %1 has left</source>
        <translation>当前用户：%1 已离职</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>level %1 (%2)</source>
        <translation>第 %1 级（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the code is 1 to 4 letters or digits, like A</source>
        <translation>%1：代码为 1 到 4 个字母或数字，如 A</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the code %2 is used twice</source>
        <translation>%1：代码 %2 用了两次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: a level needs a Chinese and an English label</source>
        <translation>%1：每一级都要有中文和英文名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the colour %2 is not like #c62828</source>
        <translation>%1：颜色 %2 的写法不对（应如 #c62828）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the follow-up interval is 1 to 3660 days (or none)</source>
        <translation>%1：跟进间隔为 1 到 3660 天（或不设）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>levels: at least one level is needed</source>
        <translation>意向级别：至少要有一级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>months: %1 is not between 1 and 120</source>
        <translation>月数：%1 不在 1 到 120 之间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>segment: %1 is not one of %2</source>
        <translation>分组：%1 不是 %2 之一</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>days: cannot be negative</source>
        <translation>天数：不能为负</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>class thresholds: A (%1) must be above B (%2), B not negative</source>
        <translation>等级门槛：A（%1）必须高于 B（%2），B 不能为负</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>corporate class: %1 is not A, B or C</source>
        <translation>单位等级：%1 不是 A、B 或 C</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: four different non-negative bounds, rising</source>
        <translation>%1：需要四个互不相同、不为负、由小到大的界限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: four different non-negative bounds, falling</source>
        <translation>%1：需要四个互不相同、不为负、由大到小的界限</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>churn: the window, baseline and minimum visits must be at least 1</source>
        <translation>流失：观察期、基准期和最少到店次数都至少为 1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>churn: the ratio is between 0 and 1, the expected visits above 0</source>
        <translation>流失：比例在 0 到 1 之间，预期到店次数大于 0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>insight settings: unknown %1</source>
        <translation>分析设置：不认识 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>insight settings: %1</source>
        <translation>分析设置：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: not a label sheet (%2 or ROWSxCOLS TOP LEFT GAP_X GAP_Y)</source>
        <translation>%1：不是标签纸规格（%2，或 行x列 上边距 左边距 横向间距 纵向间距）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none of the chosen customers has an address</source>
        <translation>所选客户都没有地址</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no customer chosen</source>
        <translation>没有选中客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no customers to print</source>
        <translation>没有要打印的客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reservations on %1: nothing to brief</source>
        <translation>%1 没有预订：没有可交代的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reservations on %1 (%2): nothing to brief</source>
        <translation>%1（%2）没有预订：没有可交代的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>form %1 is not for organisations (customer %2); choose another form with --form</source>
        <translation>表格 %1 不适用于单位（客户 %2）；请用 --form 选另一张表格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>form %1 is not for individuals (customer %2); choose another form with --form</source>
        <translation>表格 %1 不适用于个人（客户 %2）；请用 --form 选另一张表格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the guest file is being replaced by another guestcard; try again when it ends</source>
        <translation>%1：客户档案正在被另一个 guestcard 替换；请等它结束后再试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: no such guest file</source>
        <translation>%1：没有这个客史档案文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: cannot be negative</source>
        <translation>%1：不能为负</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: no such file</source>
        <translation>%1：没有这个文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the folder %2 does not exist</source>
        <translation>%1：文件夹 %2 不存在</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: cannot be written (%2)</source>
        <translation>%1：无法写入（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>year %1 is out of range</source>
        <translation>年份 %1 超出范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>month %1 does not exist</source>
        <translation>没有 %1 月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only a lunar date has a leap month</source>
        <translation>只有农历日期才有闰月</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a lunar month has no day %1</source>
        <translation>农历月份没有第 %1 天</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lunar year %1 is out of range</source>
        <translation>农历年份 %1 超出范围</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>lunar year %1 has no leap month %2 (闰%2月)</source>
        <translation>农历 %1 年的第 %2 个月没有闰月（闰%2月）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a real date: that month has %2 days</source>
        <translation>%1 不是有效日期：那个月只有 %2 天</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/new_customer.py" line="+60"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Form of address</source>
        <translation>尊称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>客户类型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>客户等级</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. 王总, 李女士</source>
        <translation>如：王总、李女士</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A — VIP</source>
        <translation>A 类（贵宾）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B — corporate and regulars</source>
        <translation>B 类（单位/常客）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C — walk-in and new</source>
        <translation>C 类（散客/新客）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>A customer needs a name.</source>
        <translation>客户必须填写姓名。</translation>
    </message>
</context>
<context>
    <name>OpenAccountDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/payment_dialog.py" line="+23"/>
        <source>Open a credit account</source>
        <translation>开立挂账账户</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Credit limit (¥)</source>
        <translation>信用额度（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms</source>
        <translation>结算方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may sign</source>
        <translation>签单人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statements to</source>
        <translation>对账联系人</translation>
    </message>
</context>
<context>
    <name>OverdueAccountsBar</name>
    <message>
        <location filename="../../src/guestcard/gui/overdue_accounts.py" line="+55"/>
        <source>%1 days, %2</source>
        <translation>%1 天，%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> and %1 more</source>
        <translation> 等 %1 家</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accounts overdue: %1</source>
        <translation>挂账逾期：%1</translation>
    </message>
</context>
<context>
    <name>OverdueSummary</name>
    <message>
        <location filename="../../src/guestcard/gui/staff_today.py" line="+72"/>
        <source>no account manager</source>
        <translation>无客户经理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Overdue by account manager: %1</source>
        <translation>各客户经理逾期未跟进：%1</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/safety_dialogs.py" line="+136"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set a password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the password</source>
        <translation>取消密码</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is protected by a password. Type it to open the guest file.</source>
        <translation>%1 设有密码保护。请输入密码以打开客史档案。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guest file %1 and its backups will be encrypted: without the password nobody can read them — keep it safe, it cannot be recovered.</source>
        <translation>客史档案 %1 及其备份将被加密：没有密码谁也无法读取。请妥善保管密码，遗失后无法找回。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The guest file %1 and its backups will be encrypted with the new password.</source>
        <translation>客史档案 %1 及其备份将使用新密码加密。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guest file %1 and its backups will no longer be encrypted: anyone with the file can read it.</source>
        <translation>客史档案 %1 及其备份将不再加密：任何拿到文件的人都能读取。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Type the password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong password.</source>
        <translation>密码错误。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type the new password.</source>
        <translation>请输入新密码。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password cannot contain a NUL character.</source>
        <translation>密码不能包含 NUL 字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The new password is the same as the current one.</source>
        <translation>新密码与当前密码相同。</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/payment_dialog.py" line="-96"/>
        <source>Record a payment</source>
        <translation>登记付款</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>transfer or cheque number</source>
        <translation>转账或支票号</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference</source>
        <translation>凭证号</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pays the bills ticked first, then the oldest open ones:</source>
        <translation>先付勾选的签单，余额从最早的未付签单付起：</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/preview_page.py" line="+65"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first rows of the sheet. The row that names the columns is highlighted.</source>
        <translation>表格的前几行。标明列名的表头行已高亮显示。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Header row:</source>
        <translation>表头行：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row %v of %m</source>
        <translation>第 %v / %m 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The row that names the columns. Type its number, or double-click the row in the table.</source>
        <translation>标明列名的那一行。输入行号，或在表格中双击该行。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose the row that names the columns in “Header row”, or double-click it.</source>
        <translation>请在“表头行”中指定标明列名的那一行，或在表格中双击该行。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Pick one sheet on the previous page to choose its header row.</source>
        <translation>要指定表头行，请在上一页只选择一个工作表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 guests found on %2 sheet(s); %3 rows have problems (shown after the next step).</source>
        <translation>在 %2 个工作表中找到 %1 位客户；%3 行有问题（下一步后显示）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No column of row %1 is the guests&apos; name: choose it on the next page.</source>
        <translation>第 %1 行中没有客户姓名列：请在下一页指定。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not read (no guest header found): %1</source>
        <translation>未读取（未找到客户表头）：%1</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/print_dialog.py" line="+209"/>
        <location line="+64"/>
        <location line="+37"/>
        <source>Print cards</source>
        <translation>打印客户卡</translation>
    </message>
    <message>
        <location line="-100"/>
        <source>Whose cards</source>
        <translation>打印对象</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Card</source>
        <translation>档案卡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy</source>
        <translation>版本</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>History rows</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The selected customers (%1)</source>
        <translation>选中的客户（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone the list shows now (search and filters)</source>
        <translation>列表当前显示的全部客户（按搜索和筛选）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guests booked on</source>
        <translation>以下日期预订的客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A blank form to fill in by hand</source>
        <translation>空白卡（手工填写）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff copy (confidential fields left out)</source>
        <translation>员工版（不含保密栏目）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manager&apos;s full copy</source>
        <translation>经理版（完整）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The latest visits and contacts printed on each card</source>
        <translation>每张卡上打印的最近到店和联系记录条数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>That is %1 cards. Print them all?</source>
        <translation>共 %1 张卡。全部打印吗？</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Print all</source>
        <translation>全部打印</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>and %1 more</source>
        <translation>等另外 %1 位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The %1 is not for these customers, who are skipped: %2.
Print the other cards?</source>
        <translation>“%1”不适用于以下客户，将跳过：%2。
打印其余客户的卡片？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Print the others</source>
        <translation>打印其余</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Drawing the cards…</source>
        <translation>正在生成客户卡…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancelled; nothing was printed or saved.</source>
        <translation>已取消，未打印也未保存。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Preparing the pages…</source>
        <translation>正在准备页面…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sending page %1 of %2 to the printer…</source>
        <translation>正在将第 %1 / %2 页发送到打印机…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drawing card %1 of %2…</source>
        <translation>正在生成第 %1 / %2 张卡…</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/print_words.py" line="+41"/>
        <source>Nobody is booked on %1.</source>
        <translation>%1 没有客户预订。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No customers to print: choose some in the list first.</source>
        <translation>没有要打印的客户：请先在列表中选择。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This card is not for organisations: choose another card, e.g. the corporate card.</source>
        <translation>这张卡不适用于单位客户：请换一张卡，例如企业客户档案。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This card is for organisations: choose another card for a person.</source>
        <translation>这张卡只适用于单位客户：请为个人客户换一张卡。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>A blank form on %1 pages.</source>
        <translation>空白卡，共 %1 页。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first %1 of %2 cards (%3 pages); printing and saving take them all.</source>
        <translation>预览 %2 张卡中的前 %1 张（%3 页）；打印和保存时包含全部。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 cards on %2 pages.</source>
        <translation>%1 张卡，共 %2 页。</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/print_output.py" line="+76"/>
        <source>(Install poppler-utils for a preview here; the PDF opens in your PDF viewer instead.)</source>
        <translation>（安装 poppler-utils 后可在此预览；现改用 PDF 阅读器打开。）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>… and %1 more pages</source>
        <translation>……另有 %1 页</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save the cards as PDF</source>
        <translation>将客户卡保存为 PDF</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 pages saved to %2</source>
        <translation>已将 %1 页保存到 %2</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The PDF opened in your PDF viewer: print it from there.</source>
        <translation>PDF 已在阅读器中打开，请在阅读器中打印。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 pages sent to the printer.</source>
        <translation>已将 %1 页发送到打印机。</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/register_dialogs.py" line="+63"/>
        <source>(no name)</source>
        <translation>未留名</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Register a walk-in or call</source>
        <translation>来店（电）登记</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Party</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Taken by</source>
        <translation>接待人</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Empty: 未留名 (left no name)</source>
        <translation>留空即“未留名”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The card is found as you type</source>
        <translation>输入时即查找客户档案</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No card yet: make a prospect card</source>
        <translation>尚无档案：新建潜客档案</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Linked to card %1: %2</source>
        <translation>已关联档案 %1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No card linked</source>
        <translation>未关联档案</translation>
    </message>
</context>
<context>
    <name>RegisterListDialog</name>
    <message>
        <location line="+85"/>
        <source>Walk-in and call register</source>
        <translation>来店（电）客户登记表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>By source: %1</source>
        <translation>按来源：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No entries.</source>
        <translation>没有登记。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export the register</source>
        <translation>导出登记表</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/relation.py" line="+92"/>
        <source>Add a relation</source>
        <translation>添加关系</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This customer is the</source>
        <translation>本客户是对方的</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of</source>
        <translation>对方</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search a customer by name, pinyin or phone</source>
        <translation>按姓名、拼音或电话搜索客户</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Search for the other customer and pick them in the list.</source>
        <translation>请搜索对方客户，并在列表中选中。</translation>
    </message>
</context>
<context>
    <name>RelationsTab</name>
    <message>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+19"/>
        <source>No relations yet: family, assistant, colleagues, the company they work for.</source>
        <translation>还没有关系：家人、助理、同事、所在单位都可以记在这里。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add relation…</source>
        <translation>添加关系…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open their card</source>
        <translation>打开其档案卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Double-click a relation to open that customer&apos;s card</source>
        <translation>双击关系可打开该客户的档案卡</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Delete relation</source>
        <translation>删除关系</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete this relation?</source>
        <translation>删除这条关系？</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/safety_dialogs.py" line="+60"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the backup to put in place of the guest file. You will see what it holds before anything is replaced.</source>
        <translation>请选择用来替换客史档案的备份。替换之前会先显示备份中的内容。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Another file…</source>
        <translation>其他文件…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Choose a backup</source>
        <translation>选择备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>guestcard backup (*.sqlite3 *.db);;All files (*)</source>
        <translation>guestcard 备份 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose a backup first.</source>
        <translation>请先选择一个备份。</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/review_dialog.py" line="+130"/>
        <source>Periodic review</source>
        <translation>定期盘点与分析</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export to PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By source channel: which channels bring the guests who spend</source>
        <translation>按来源渠道：哪些渠道带来消费的客户</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Export the review</source>
        <translation>导出盘点</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/run_pages.py" line="+40"/>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row %v of %m</source>
        <translation>第 %v / %m 行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel the import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Importing %1… (a backup of the guest file was made first)</source>
        <translation>正在导入 %1…（已先备份客史档案）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Stopping… nothing will be written.</source>
        <translation>正在停止…不会写入任何数据。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The import was cancelled. Nothing was written.</source>
        <translation>导入已取消，未写入任何数据。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The import failed, nothing was written: %1</source>
        <translation>导入失败，未写入任何数据：%1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/settings_dialog.py" line="+113"/>
        <location line="+62"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Restaurant name</source>
        <translation>餐厅名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Default card</source>
        <translation>默认档案卡</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Default page size</source>
        <translation>默认纸张大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+42"/>
        <source>Backup folder</source>
        <translation>备份文件夹</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>Class A from (12 months&apos; spending)</source>
        <translation>A 类起点（12 个月消费）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class B from (12 months&apos; spending)</source>
        <translation>B 类起点（12 个月消费）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Festival greetings</source>
        <translation>节日问候</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greetings signed by</source>
        <translation>祝福落款</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Printed at the top of every card</source>
        <translation>打印在每张卡的顶部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default: guestcard.sqlite3 in your user data folder</source>
        <translation>默认：用户数据文件夹中的 guestcard.sqlite3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default: backups in your user data folder (a USB stick is safer)</source>
        <translation>默认：备份在用户数据文件夹中（存到U盘更安全）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+2"/>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Intent levels and follow-up rules…</source>
        <translation>意向级别与回访规则…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Classes greeted at each festival…</source>
        <translation>各节日问候的客户等级…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Greeting texts…</source>
        <translation>祝福语…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a guest has no account manager: {经理} in the greetings</source>
        <translation>客人没有客户经理时，祝福语中的 {经理}</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Where the guest file lives</source>
        <translation>客史档案的存放位置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>guestcard database (*.sqlite3)</source>
        <translation>guestcard 数据库 (*.sqlite3)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Class A must start above class B: a class A guest spends more.</source>
        <translation>A 类起点必须高于 B 类：A 类客户的消费更高。</translation>
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/file_pages.py" line="+85"/>
        <source>Which sheet?</source>
        <translation>选择工作表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pick the sheet your guests are on, or read every sheet that has guests.</source>
        <translation>请选择客户资料所在的工作表，或读取所有含客户资料的工作表。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Every sheet with guests</source>
        <translation>所有含客户资料的工作表</translation>
    </message>
</context>
<context>
    <name>SignersBox</name>
    <message>
        <location filename="../../src/guestcard/gui/signers_box.py" line="+90"/>
        <source>Tick the people who may sign (their cards); none ticked and no names: anyone may.</source>
        <translation>勾选可以签单的人（其客户档案）；不勾选也不填姓名：任何人都可签单。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a card</source>
        <translation>查找档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Others (no card)</source>
        <translation>其他人（无档案）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name, pinyin or phone</source>
        <translation>姓名、拼音或电话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>names, separated by commas</source>
        <translation>姓名，用逗号分隔</translation>
    </message>
</context>
<context>
    <name>SignersDialog</name>
    <message>
        <location line="+26"/>
        <source>Who may sign</source>
        <translation>签单人</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/staff_dialogs.py" line="-159"/>
        <location line="+55"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has left…</source>
        <translation>已离职…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Owners on cards but not on the staff list: %1</source>
        <translation>档案上有但不在员工名单中的客户经理：%1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Mark %1 as having left? Their guests stay theirs until handed over.</source>
        <translation>将 %1 标记为已离职？其客户在移交前仍归其名下。</translation>
    </message>
</context>
<context>
    <name>StaffFeatures</name>
    <message>
        <location filename="../../src/guestcard/gui/staff_window.py" line="+82"/>
        <source>&amp;Staff</source>
        <translation>员工(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staff list…</source>
        <translation>员工名单…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand over guests…</source>
        <translation>移交客户…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intent levels and follow-up rules…</source>
        <translation>意向级别与回访规则…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a walk-in or call…</source>
        <translation>来店（电）登记…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk-in and call register…</source>
        <translation>来店（电）客户登记表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periodic review…</source>
        <translation>定期盘点与分析…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working:</source>
        <translation>当前员工：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who is working: every change is recorded with this name</source>
        <translation>当前操作的员工：每项修改都记录此姓名</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+60"/>
        <source>(choose who you are)</source>
        <translation>（请选择您是谁）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose who you are in the toolbar: every change is recorded with your name</source>
        <translation>请在工具栏中选择您是谁：每项修改都会记录您的姓名</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Registered; a prospect card was made for %1.</source>
        <translation>已登记，并为 %1 新建了潜客档案。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Registered and linked to the card of %1.</source>
        <translation>已登记，并关联到 %1 的档案。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Registered.</source>
        <translation>已登记。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save the briefing sheet</source>
        <translation>保存顾客信息传递表</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The briefing sheet of %1 guests is in %2</source>
        <translation>%1 位宾客的顾客信息传递表已保存到 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Briefing sheet</source>
        <translation>顾客信息传递表</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 guests handed over from %2 to %3.</source>
        <translation>已将 %1 位客户从 %2 移交给 %3。</translation>
    </message>
</context>
<context>
    <name>StatementPreview</name>
    <message>
        <location filename="../../src/guestcard/gui/statement_preview.py" line="+54"/>
        <source>Statement of account</source>
        <translation>对账单</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Month</source>
        <translation>账期</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Drawing the statement…</source>
        <translation>正在生成对账单…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The statement could not be drawn.</source>
        <translation>对账单无法生成。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+6"/>
        <source>Save the statement</source>
        <translation>保存对账单</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/run_pages.py" line="+43"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo this import</source>
        <translation>撤销本次导入</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 new guests, %2 cards updated, %3 rows unchanged or skipped, %4 rows not imported (errors).</source>
        <translation>新客户 %1 位，更新档案卡 %2 张，无变化或跳过 %3 行，未导入（有错误）%4 行。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 values could not be read: each is kept as text on its card (see the trial run&apos;s list).</source>
        <translation>有 %1 个值无法识别：均已按原文保留在相应的档案卡上（见试导入的问题清单）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sheet %1: %2 new, %3 updated.</source>
        <translation>工作表 %1：新增 %2 位，更新 %3 位。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undone: %1 new guests removed, %2 cards put back as they were.</source>
        <translation>已撤销：删除新客户 %1 位，%2 张档案卡已恢复原样。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 cards worked on since the import were left as they are.</source>
        <translation>导入后又有改动或记录的 %1 张卡片保持原样，未撤销。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../src/guestcard/gui/today_page.py" line="+84"/>
        <source>Birthday (%1)</source>
        <translation>生日（%1岁）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Anniversary (%1 years)</source>
        <translation>纪念日（%1周年）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>no class chosen (Settings)</source>
        <translation>未选择客户等级（在设置中选择）</translation>
    </message>
    <message>
        <location line="+236"/>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Print cards for today&apos;s guests (%1)</source>
        <translation>打印今日客户卡（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print cards for tomorrow&apos;s guests (%1)</source>
        <translation>打印明日客户卡（%1）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Briefing sheet…</source>
        <translation>顾客信息传递表…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pre-shift briefing sheet: every guest booked for the next service on one page</source>
        <translation>班前会用的顾客信息传递表：本餐次所有预订宾客列在一页上</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Today — %1 reservations</source>
        <translation>今日预订 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tomorrow — %1 reservations</source>
        <translation>明日预订 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthdays, anniversaries and festivals, next 7 days — %1</source>
        <translation>未来 7 天的生日、纪念日与节日 — %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow-ups due — %1</source>
        <translation>待跟进 — %1</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/staff_today.py" line="-33"/>
        <source>No contact for %1 days (level %2: every %3 days)</source>
        <translation>已 %1 天未联系（%2 级：每 %3 天回访）</translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/visit.py" line="+93"/>
        <source>Edit visit</source>
        <translation>编辑到店记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New visit or reservation</source>
        <translation>新建到店记录或预订</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Party size</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Room or table</source>
        <translation>包间或台号</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Occasion</source>
        <translation>事由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dishes</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A visit dated in the future is a reservation</source>
        <translation>日期在未来的到店记录即为预订</translation>
    </message>
</context>
<context>
    <name>VisitsTab</name>
    <message>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="-144"/>
        <source>No visits yet. A visit dated in the future is a reservation.</source>
        <translation>还没有到店记录。日期在未来的到店记录即为预订。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add visit…</source>
        <translation>添加到店记录…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+11"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Reservations (visits still to come) are shown in blue</source>
        <translation>预订（尚未到店）以蓝色显示</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>This bill of %1 takes the account&apos;s balance to %2, past its credit limit of %3. Put it on the account all the same?</source>
        <translation>这笔 %1 的账单将使挂账余额达到 %2，超出信用额度 %3。仍然记入挂账吗？</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Over the credit limit</source>
        <translation>超出信用额度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Charge it</source>
        <translation>照样挂账</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Visit</source>
        <translation>到店记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The visit could not be saved.</source>
        <translation>到店记录未能保存。</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>Delete visit</source>
        <translation>删除到店记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Delete the visit of %1?</source>
        <translation>删除 %1 的这条到店记录？</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../src/guestcard/gui/welcome_page.py" line="+59"/>
        <source>Welcome to guestcard</source>
        <translation>欢迎使用 guestcard 客史档案</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your guest file is empty. Bring in the Excel sheet you keep your guests in, start a first card by hand, or look around with made-up guests.</source>
        <translation>客史档案还是空的。您可以导入记录客户的 Excel 表格，手工新建第一张档案卡，或者用虚构的客户先试一试。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import an Excel sheet…</source>
        <translation>导入 Excel 表格…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try it with demo data</source>
        <translation>用演示数据试用</translation>
    </message>
</context>
<context>
    <name>_AmountDialog</name>
    <message>
        <location filename="../../src/guestcard/gui/payment_dialog.py" line="-35"/>
        <source>Not an amount of money</source>
        <translation>不是金额</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../src/guestcard/gui/error_report.py" line="+32"/>
        <source>The guest file is busy</source>
        <translation>客户档案正忙</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The guest file is read-only</source>
        <translation>客户档案为只读</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The change was not saved: this guest file can only be read here (it was opened read-only, or its folder cannot be written). Open it where it can be written to change it.</source>
        <translation>修改未保存：此客户档案在这里只能读取（以只读方式打开，或所在文件夹无法写入）。请在可以写入的位置打开它再修改。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>guestcard ran into a problem it did not expect:
%1

What was saved before is safe. The details are in %2.</source>
        <translation>guestcard 遇到了意外问题：
%1

之前保存的内容不受影响。详细信息见 %2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <location filename="../../src/guestcard/gui/card_editor.py" line="-341"/>
        <location filename="../../src/guestcard/gui/import_wizard/issues.py" line="-3"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/conflict.py" line="-40"/>
        <location filename="../../src/guestcard/gui/import_changes.py" line="+23"/>
        <source>Field</source>
        <translation>栏目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your value</source>
        <translation>您的内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved elsewhere</source>
        <translation>别处保存的内容</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="-242"/>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/register_dialogs.py" line="-274"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="-239"/>
        <source>Party</source>
        <translation>人数</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+1"/>
        <source>Room</source>
        <translation>包间</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="+34"/>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+8"/>
        <source>Occasion</source>
        <translation>事由</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+1"/>
        <location filename="../../src/guestcard/gui/review_dialog.py" line="-124"/>
        <location line="+15"/>
        <source>Spend</source>
        <translation>消费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dishes</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+107"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/account_tab.py" line="-402"/>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="-2"/>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+3"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="-2"/>
        <location line="+7"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed by / method</source>
        <translation>签单人 / 方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bill no. / reference</source>
        <translation>单号 / 凭证号</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+7"/>
        <source>Channel</source>
        <translation>方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+1"/>
        <source>Key points</source>
        <translation>要点</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+1"/>
        <source>Intent</source>
        <translation>意向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next follow-up</source>
        <translation>下次跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Relation</source>
        <translation>关系</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/account_tab.py" line="+1"/>
        <location filename="../../src/guestcard/gui/history_tabs.py" line="+1"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/issues.py" line="-2"/>
        <source>Sheet</source>
        <translation>工作表</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/import_changes.py" line="-1"/>
        <location filename="../../src/guestcard/gui/import_wizard/issues.py" line="+1"/>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On the card</source>
        <translation>档案卡中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In the sheet</source>
        <translation>表格中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What happens</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/import_wizard/issues.py" line="+2"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/models/columns.py" line="+32"/>
        <source>Organisation</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Individual</source>
        <translation>个人</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/account_tab.py" line="-7"/>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="-18"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="+1"/>
        <location filename="../../src/guestcard/gui/models/customers.py" line="-22"/>
        <location filename="../../src/guestcard/gui/register_dialogs.py" line="-2"/>
        <location filename="../../src/guestcard/gui/staff_dialogs.py" line="-107"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class now</source>
        <translation>当前等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested</source>
        <translation>建议等级</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Spending</source>
        <translation>消费</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+1"/>
        <source>Form of address</source>
        <translation>尊称</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="+16"/>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="-56"/>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="-24"/>
        <location line="+11"/>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="+2"/>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/duplicates_page.py" line="-80"/>
        <source>Score</source>
        <translation>分数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Probably the same guest</source>
        <translation>可能是同一位客人</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="+1"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="+1"/>
        <source>Call</source>
        <translation>致电</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="+1"/>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="-3"/>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+1"/>
        <location filename="../../src/guestcard/gui/register_dialogs.py" line="+1"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+1"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+1"/>
        <source>Email</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Company</source>
        <translation>单位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation>职务</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anniversary</source>
        <translation>纪念日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annual spend</source>
        <translation>年消费额</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="+1"/>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+2"/>
        <source>Favourite dishes</source>
        <translation>喜好菜品</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/models/customers.py" line="+2"/>
        <source>Favourite drinks</source>
        <translation>喜好酒水</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="-9"/>
        <source>Allergies</source>
        <translation>忌口/过敏</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/review_dialog.py" line="-24"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+22"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/register_dialogs.py" line="-2"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="-27"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Purpose</source>
        <translation>目的</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../src/guestcard/gui/review_dialog.py" line="+21"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken by</source>
        <translation>接待人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/duplicates_page.py" line="-2"/>
        <location filename="../../src/guestcard/gui/register_dialogs.py" line="+1"/>
        <source>Card</source>
        <translation>档案</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/dashboard_columns.py" line="-4"/>
        <location filename="../../src/guestcard/gui/import_changes.py" line="-7"/>
        <location filename="../../src/guestcard/gui/insights_alerts.py" line="-2"/>
        <location filename="../../src/guestcard/gui/today_page.py" line="+1"/>
        <location line="+10"/>
        <location line="+12"/>
        <source>Guest</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/today_page.py" line="-16"/>
        <source>Key notes</source>
        <translation>要点备注</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Festival</source>
        <translation>节日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guests to greet</source>
        <translation>要问候的客户</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Due</source>
        <translation>跟进日期</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/staff_dialogs.py" line="+1"/>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Guests</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/review_dialog.py" line="-26"/>
        <source>All</source>
        <translation>合计</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no owner)</source>
        <translation>（无归属）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+21"/>
        <source>Customers</source>
        <translation>客户数</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contacts</source>
        <translation>联系次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On time</source>
        <translation>按时跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late</source>
        <translation>延迟跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missed</source>
        <translation>未跟进</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Converted</source>
        <translation>成交转化</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+15"/>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Lost</source>
        <translation>流失</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/merges_dialog.py" line="-115"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Merged</source>
        <translation>合并时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card kept</source>
        <translation>保留的卡片</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card merged into it</source>
        <translation>并入的卡片</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields taken from it</source>
        <translation>采用其字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../src/guestcard/gui/settings_dialog.py" line="+22"/>
        <source>A4 (one card per page)</source>
        <translation>A4（每页一张卡）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A5</source>
        <translation>A5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A6 (pocket card)</source>
        <translation>A6（口袋卡）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Two A5 cards on A4</source>
        <translation>A4 纸印两张 A5 卡</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four A6 cards on A4</source>
        <translation>A4 纸印四张 A6 卡</translation>
    </message>
</context>
<context>
    <name>prompts</name>
    <message>
        <location filename="../../src/guestcard/gui/prompts.py" line="+23"/>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
</context>
<context>
    <name>relations</name>
    <message>
        <location filename="../../src/guestcard/gui/dialogs/relation.py" line="-120"/>
        <source>spouse</source>
        <translation>配偶</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>child</source>
        <translation>子女</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>parent</source>
        <translation>父母</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>assistant</source>
        <translation>助理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>colleague</source>
        <translation>同事</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>employee</source>
        <translation>下属</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>friend</source>
        <translation>朋友</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>other relation</source>
        <translation>其他关系</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%2 is their %1</source>
        <translation>%2 是其%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>is the %1 of %2</source>
        <translation>是 %2 的%1</translation>
    </message>
</context>
<context>
    <name>safety</name>
    <message>
        <location filename="../../src/guestcard/gui/safety_dialogs.py" line="-230"/>
        <source>daily</source>
        <translation>每日自动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>by hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before an import</source>
        <translation>导入前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before undoing an import</source>
        <translation>撤销导入前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before an upgrade</source>
        <translation>升级前</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>before a restore</source>
        <translation>恢复前</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 customers</source>
        <translation>%1 位客户</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/safety.py" line="+80"/>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back up to…</source>
        <translation>备份到…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore from a backup…</source>
        <translation>从备份恢复…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password…</source>
        <translation>密码…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a backup in a folder you choose, such as a USB stick</source>
        <translation>将备份保存到您选择的文件夹，例如U盘</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The last restore or password change of the guest file was interrupted (a crash or a power cut); guestcard has put the file in order:
%1</source>
        <translation>上次恢复备份或更改密码时被中断（程序崩溃或停电）；guestcard 已将客史档案整理好：
%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guest file</source>
        <translation>客史档案</translation>
    </message>
    <message>
        <location line="+41"/>
        <location line="+6"/>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The guest file is backed up to %1</source>
        <translation>客史档案已备份到 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The backup is encrypted with the same password.</source>
        <translation>备份使用相同的密码加密。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back up to which folder?</source>
        <translation>备份到哪个文件夹？</translation>
    </message>
    <message>
        <location line="+44"/>
        <location line="+32"/>
        <location line="+13"/>
        <location line="+19"/>
        <location line="+7"/>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location line="-45"/>
        <source>Replace the guest file with this backup?

Backup: %1, taken %2 (%3)
It holds %4.
The guest file now holds %5.

The guest file as it is now is backed up first and kept beside it; nothing is deleted.</source>
        <translation>用这个备份替换客史档案吗？

备份：%1，备份于 %2（%3）
内含：%4。
当前客史档案内含：%5。

当前的客史档案会先备份并保留在旁边，不会删除任何文件。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>an unknown number of customers</source>
        <translation>客户数不详</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The backup was not restored: %1</source>
        <translation>备份未恢复：%1</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>The backup %1 is restored.</source>
        <translation>备份 %1 已恢复。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The replaced file is kept as %1</source>
        <translation>被替换的文件保留为 %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+27"/>
        <location line="+36"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>The guest file is protected by a password.</source>
        <translation>客史档案设有密码保护。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change the password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Remove the password</source>
        <translation>取消密码</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Nothing was changed: %1</source>
        <translation>未做任何更改：%1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The guest file is now encrypted. Keep the password safe: without it the guest file cannot be opened.</source>
        <translation>客史档案现已加密。请妥善保管密码：没有密码将无法打开客史档案。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The password is changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The guest file is no longer encrypted.</source>
        <translation>客史档案已不再加密。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 backups were re-encrypted too.</source>
        <translation>另有 %1 个备份也已重新加密。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These backups have another password and were left as they were:
%1</source>
        <translation>以下备份使用其他密码，未做改动：
%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These backups were written elsewhere and are not there now (a USB stick not plugged in?); they keep the old protection until you re-encrypt or delete them:
%1</source>
        <translation>这些备份写在别处，现在找不到（U 盘没有插上？）；在您重新加密或删除之前，它们仍保持原来的保护：
%1</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/safety_opening.py" line="+64"/>
        <source>Already open</source>
        <translation>已被打开</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1

Open it read-only (look, print and export; no changes), or quit?</source>
        <translation>%1

以只读方式打开（可查看、打印和导出，不能修改），还是退出？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open read-only</source>
        <translation>只读打开</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+115"/>
        <location line="+19"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="-121"/>
        <location line="+74"/>
        <source>Wrong password. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>If you are sure of the password, the file may be damaged: cancel and use File ▸ Restore from a backup…</source>
        <translation>如果确认密码无误，文件可能已损坏：请取消，然后使用 文件 ▸ 从备份恢复…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No such guest file</source>
        <translation>没有这个客史档案文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not exist.

Make a new, empty guest file there? If the path is mistyped, cancel: File ▸ Open another database… opens the right one.</source>
        <translation>%1 不存在。

要在那里新建一个空的客史档案文件吗？如果路径输错了，请取消，再用 文件 ▸ 打开其他数据库… 打开正确的文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make a new guest file</source>
        <translation>新建客史档案文件</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The guest file is not open.
Use File ▸ Open another database… or quit.</source>
        <translation>客史档案未打开。
请使用 文件 ▸ 打开其他数据库…，或退出。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>It was written by a newer version of guestcard. Update guestcard to open it; restoring a backup instead loses what was saved since that backup.</source>
        <translation>该文件由更新版本的 guestcard 写入。请升级 guestcard 后再打开；若改为恢复备份，该备份之后保存的内容将会丢失。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It is the database of another program, not a guest file.</source>
        <translation>这是其他程序的数据库，不是客史档案。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is damaged (a power cut, a failing disk or USB stick) or is not a guest file.</source>
        <translation>文件已损坏（可能因断电、硬盘或U盘故障），或者不是客史档案。</translation>
    </message>
    <message>
        <location line="-63"/>
        <location line="+66"/>
        <source>The guest file cannot be opened:
%1</source>
        <translation>无法打开客史档案：
%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The latest backup was taken %1 (%2) and is protected by a password. Restore it? The file that does not open is kept beside it, never overwritten.</source>
        <translation>最近的备份于 %1（%2）生成，设有密码保护。要恢复它吗？无法打开的文件会保留在旁边，不会被覆盖。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>There is no backup to restore in %1.</source>
        <translation>%1 中没有可恢复的备份。</translation>
    </message>
    <message>
        <location line="-88"/>
        <location line="+76"/>
        <location line="+14"/>
        <location line="+5"/>
        <source>Cannot open the guest file</source>
        <translation>无法打开客史档案</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/safety_dialogs.py" line="-3"/>
        <source>protected by a password</source>
        <translation>设有密码保护</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 customer</source>
        <translation>1 位客户</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/safety.py" line="-97"/>
        <source>A copy of it is also among the backups: %1</source>
        <translation>备份中也另存了一份：%1</translation>
    </message>
    <message>
        <location filename="../../src/guestcard/gui/safety_opening.py" line="-3"/>
        <source>The latest backup was taken %1 (%2) and holds %3. Restore it? The file that does not open is kept beside it, never overwritten.</source>
        <translation>最近的备份于 %1（%2）生成，内含：%3。要恢复它吗？无法打开的文件会保留在旁边，不会被覆盖。</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+19"/>
        <source>Restore the latest backup</source>
        <translation>恢复最近的备份</translation>
    </message>
</context>
<context>
    <name>staff</name>
    <message>
        <location filename="../../src/guestcard/gui/staff_dialogs.py" line="-22"/>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Front desk</source>
        <translation>前台</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiter</source>
        <translation>服务员</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Working here</source>
        <translation>在职</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Left %1</source>
        <translation>%1 离职</translation>
    </message>
</context>
</TS>
