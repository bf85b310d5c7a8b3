using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace Curtailment.Ingestion.Tests.Feeds;

/// <summary>
/// Writes a small curtailment report PDF in CAISO's layout at run time (no binary fixture in the repository): a title,
/// the table header, then one text line per row, <c>DATE HOUR TYPE REASON FUEL MWH MW</c>.
/// </summary>
internal static class ReportPdf
{
    public static byte[] Write(DateOnly day, IReadOnlyList<string> rows)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        var page = builder.AddPage(612, 792);
        var y = 740.0;
        void Line(string text)
        {
            var x = 40.0;
            foreach (var word in text.Split(' '))
            {
                page.AddText(word, 9, new PdfPoint(x, y), font);
                x += 70;
            }

            y -= 14;
        }

        Line($"Wind and Solar Real-Time Dispatch Curtailment Report {day:MMM dd, yyyy}");
        Line("DATE HOUR CURT_TYPE REASON FUEL_TYPE CURTAILED_MWH CURTAILED_MW");
        foreach (var row in rows)
        {
            Line(row);
        }

        Line("Page 1");
        return builder.Build();
    }
}
