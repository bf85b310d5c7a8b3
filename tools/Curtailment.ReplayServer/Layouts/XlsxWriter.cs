using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Curtailment.ReplayServer.Layouts;

/// <summary>
/// Writes a minimal SpreadsheetML workbook (the parts Excel and ExcelDataReader need: content types, relationships,
/// workbook, styles, one part per sheet) straight into a zip with <see cref="XmlWriter"/>, row by row, so a
/// year-to-date sheet never exists as a cell tree in memory. Text cells are inline strings; style 1 is a date
/// (built-in number format 14), so a date cell reads back as a date.
/// </summary>
internal sealed class XlsxWriter : IDisposable
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private XmlWriter? _sheet;
    private Stream? _sheetStream;
    private int _row;

    public XlsxWriter(Stream output) => _zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);

    /// <summary>Starts the next sheet (and ends the one before).</summary>
    public void StartSheet(string name)
    {
        EndSheet();
        _sheets.Add(name);
        _sheetStream = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count}.xml", CompressionLevel.Fastest).Open();
        _sheet = XmlWriter.Create(_sheetStream, new XmlWriterSettings { CloseOutput = false });
        _sheet.WriteStartDocument(standalone: true);
        _sheet.WriteStartElement("worksheet", Main);
        _sheet.WriteStartElement("sheetData", Main);
        _row = 0;
    }

    /// <summary>Writes a row; a cell is a string, a <see cref="DateOnly"/>, a number, or null (left out).</summary>
    public void Row(params object?[] cells)
    {
        var sheet = _sheet ?? throw new InvalidOperationException("StartSheet first.");
        _row++;
        sheet.WriteStartElement("row", Main);
        sheet.WriteAttributeString("r", _row.ToString(CultureInfo.InvariantCulture));
        for (var c = 0; c < cells.Length; c++)
        {
            if (cells[c] is not { } cell)
            {
                continue;
            }

            sheet.WriteStartElement("c", Main);
            sheet.WriteAttributeString("r", $"{(char)('A' + c)}{_row.ToString(CultureInfo.InvariantCulture)}");
            switch (cell)
            {
                case string text:
                    sheet.WriteAttributeString("t", "inlineStr");
                    sheet.WriteStartElement("is", Main);
                    sheet.WriteElementString("t", Main, text);
                    sheet.WriteEndElement();
                    break;
                case DateOnly date:
                    sheet.WriteAttributeString("s", "1");
                    sheet.WriteElementString("v", Main, date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString("R", CultureInfo.InvariantCulture));
                    break;
                case int number:
                    sheet.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
                    break;
                case double number:
                    sheet.WriteElementString("v", Main, number.ToString("R", CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"cell {c + 1} of row {_row}: {cell.GetType().Name} is not a string, date or number.", nameof(cells));
            }

            sheet.WriteEndElement();
        }

        sheet.WriteEndElement();
    }

    /// <summary>Writes the workbook's other parts; the zip is complete after <see cref="Dispose"/>.</summary>
    public void Finish()
    {
        EndSheet();
        Part("[Content_Types].xml", w =>
        {
            const string types = "http://schemas.openxmlformats.org/package/2006/content-types";
            w.WriteStartElement("Types", types);
            Default(w, types, "rels", "application/vnd.openxmlformats-package.relationships+xml");
            Default(w, types, "xml", "application/xml");
            Override(w, types, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
            Override(w, types, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
            for (var i = 1; i <= _sheets.Count; i++)
            {
                Override(w, types, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
            }

            w.WriteEndElement();
        });
        Part("_rels/.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelationships);
            Relationship(w, "rId1", Relationships + "/officeDocument", "xl/workbook.xml");
            w.WriteEndElement();
        });
        Part("xl/workbook.xml", w =>
        {
            w.WriteStartElement("workbook", Main);
            w.WriteAttributeString("xmlns", "r", null, Relationships);
            w.WriteStartElement("sheets", Main);
            for (var i = 1; i <= _sheets.Count; i++)
            {
                w.WriteStartElement("sheet", Main);
                w.WriteAttributeString("name", _sheets[i - 1]);
                w.WriteAttributeString("sheetId", i.ToString(CultureInfo.InvariantCulture));
                w.WriteAttributeString("id", Relationships, $"rId{i}");
                w.WriteEndElement();
            }

            w.WriteEndElement();
            w.WriteEndElement();
        });
        Part("xl/_rels/workbook.xml.rels", w =>
        {
            w.WriteStartElement("Relationships", PackageRelationships);
            for (var i = 1; i <= _sheets.Count; i++)
            {
                Relationship(w, $"rId{i}", Relationships + "/worksheet", $"worksheets/sheet{i}.xml");
            }

            Relationship(w, $"rId{_sheets.Count + 1}", Relationships + "/styles", "styles.xml");
            w.WriteEndElement();
        });
        Part("xl/styles.xml", w =>
        {
            w.WriteStartElement("styleSheet", Main);
            w.WriteRaw("""<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>""");
            w.WriteEndElement();
        });
    }

    public void Dispose()
    {
        EndSheet();
        _zip.Dispose();
    }

    private void EndSheet()
    {
        if (_sheet is null)
        {
            return;
        }

        _sheet.WriteEndElement();
        _sheet.WriteEndElement();
        _sheet.WriteEndDocument();
        _sheet.Dispose();
        _sheetStream!.Dispose();
        _sheet = null;
        _sheetStream = null;
    }

    private void Part(string name, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { CloseOutput = false });
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void Default(XmlWriter w, string ns, string extension, string type)
    {
        w.WriteStartElement("Default", ns);
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string ns, string part, string type)
    {
        w.WriteStartElement("Override", ns);
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", PackageRelationships);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }
}
