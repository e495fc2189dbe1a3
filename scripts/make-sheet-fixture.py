"""Writes Tests/KizashiAppTests/Fixtures/connectors/sheet-companies.xlsx with openpyxl (a real
xlsx writer: shared strings, a styles part with a date format, numbers as numbers), so the
spreadsheet connector is tested on a file as a library writes it, not on XML we typed.

    python3 -m venv /tmp/xl && /tmp/xl/bin/pip install openpyxl && /tmp/xl/bin/python scripts/make-sheet-fixture.py
"""
import datetime
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "企業リスト"
ws.append(["企業ID", "会社名", "法人番号", "ホームページ", "業種", "従業員数", "売上高", "都道府県", "更新日", "備考"])
ws.append(["S001", "株式会社アルファ", 1000011000005, "https://www.alpha.co.jp/", "製造業", 1200, "¥8,000,000,000",
           "東京都", datetime.date(2026, 9, 1), "重要"])
ws.append(["S002", "ベータ商事(株)", None, "beta.jp", "卸売業\n小売業", 300, None, "大阪府", "2026/9/15", None])
ws.append([])
ws.append(["S003", "Gamma KK", 4010801014350, "gamma.example", "IT", None, None, "神奈川県", "not a date", None])
ws.append([None, "名無し", None, None, None, None, None, None, None, None])
ws["I2"].number_format = "yyyy/mm/dd"
memo = wb.create_sheet("メモ")
memo.append(["このシートは読み込まない"])
wb.save("Tests/KizashiAppTests/Fixtures/connectors/sheet-companies.xlsx")

# A second workbook laid out the way Excel itself saves one: text in xl/sharedStrings.xml
# (a rich-text run and a furigana <rPh> guide, which Japanese Excel adds to names), a custom
# date-time format in xl/styles.xml, cells referenced with gaps. Written part by part with
# zipfile, following ECMA-376 Part 1 §18 (SpreadsheetML).
import zipfile

parts = {
    "[Content_Types].xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>""",
    "_rels/.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""",
    "xl/workbook.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="担当者" sheetId="1" r:id="rId1"/></sheets></workbook>""",
    "xl/_rels/workbook.xml.rels": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""",
    "xl/sharedStrings.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="9" uniqueCount="9"><si><t>担当者ID</t></si><si><t>会社ID</t></si><si><t>氏名</t><rPh sb="0" eb="2"><t>シメイ</t></rPh><phoneticPr fontId="1"/></si><si><t>メールアドレス</t></si><si><t>最終更新日</t></si><si><t>P1</t></si><si><r><t>山田</t></r><r><rPr><b/></rPr><t> 太郎</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></si><si><t>taro@alpha.co.jp</t></si><si><t>S001</t></si></sst>""",
    "xl/styles.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\\ h:mm"/></numFmts><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>""",
    "xl/worksheets/sheet1.xml": """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row><row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>8</v></c><c r="C3" t="s"><v>6</v></c><c r="D3" t="s"><v>7</v></c><c r="E3" s="1"><v>46266.375</v></c></row></sheetData></worksheet>""",
}
with zipfile.ZipFile("Tests/KizashiAppTests/Fixtures/connectors/sheet-contacts-excel.xlsx", "w",
                     zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 11, 25, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
