using Curtailment.Core.Ingest;
using Curtailment.Ingestion.Common;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace Curtailment.Ingestion.Caiso;

public sealed partial class CaisoCurtailmentReportImporter
{
    /// <summary>Words whose baselines differ by less than this many points sit on one line of text.</summary>
    private const double SameLine = 2.0;

    /// <summary>
    /// The report PDF (until May 2025): its text is read line by line, page after page, and every line that starts
    /// with a <c>MM/DD</c> date is a table row <c>DATE HOUR TYPE REASON FUEL MWH [MW]</c>, read by the same rules as
    /// the CSV conversions. A line number is the text line's position in the document, counted over the pages.
    /// </summary>
    private static void ParsePdf(MemoryStream content, string fileName, HourlySums sums)
    {
        var lines = PdfLines(content, fileName);
        var header = lines.FindIndex(l => l.Contains("DATE", StringComparer.OrdinalIgnoreCase) && l.Contains("REASON", StringComparer.OrdinalIgnoreCase));
        if (header < 0)
        {
            throw new ImportFormatException(fileName, 1, 1,
                $"no curtailment table found in the PDF: expected a header row with {string.Join(',', TableColumns)}.");
        }

        var day = FileDay(fileName);
        sums.CoverDay(day);
        var repeats = new HashSet<(int, string, string, string)>();
        for (var i = header + 1; i < lines.Count; i++)
        {
            var words = lines[i];
            if (words.Length == 0 || !TryMonthDay(words[0], day.Year, out _))
            {
                // Titles, page footers and repeated headers between table rows.
                continue;
            }

            sums.Builder.CountRow();
            var row = new CsvLine(i + 1, words.Length >= 6 ? words : [.. words, .. new string[6 - words.Length]], string.Join(' ', words));
            ReadReportRow(row, 0, merged: false, day, repeats, sums);
        }
    }

    /// <summary>The document's text as lines of words, top to bottom on each page, left to right on each line.</summary>
    private static List<string[]> PdfLines(MemoryStream content, string fileName)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(content.ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ImportFormatException(fileName, 0, null, $"not a readable PDF (truncated or damaged?): {e.Message}");
        }

        using (document)
        {
            var lines = new List<string[]>();
            foreach (var page in document.GetPages())
            {
                var pageLines = new List<(double Baseline, List<Word> Words)>();
                foreach (var word in page.GetWords().OrderByDescending(w => w.BoundingBox.Bottom))
                {
                    var line = pageLines.FindIndex(l => Math.Abs(l.Baseline - word.BoundingBox.Bottom) < SameLine);
                    if (line < 0)
                    {
                        pageLines.Add((word.BoundingBox.Bottom, [word]));
                    }
                    else
                    {
                        pageLines[line].Words.Add(word);
                    }
                }

                lines.AddRange(pageLines.Select(l => l.Words.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text.Trim())
                    .Where(t => t.Length > 0).ToArray()));
            }

            return lines;
        }
    }
}
