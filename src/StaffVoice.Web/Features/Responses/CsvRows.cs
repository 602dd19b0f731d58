using System.Text;

namespace StaffVoice.Web.Features.Responses;

/// <summary>
/// Reads RFC 4180 CSV: commas, double-quoted fields with "" for a quote, line breaks inside quotes. Each record comes
/// with the line it starts on, for row-by-row import reports. Blank lines are skipped.
/// </summary>
public static class CsvRows
{
    public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Parse(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (fields.Count > 1 || fields[0].Length > 0) yield return (recordLine, fields.ToArray());
                    fields.Clear();
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        fields.Add(field.ToString());
        if (fields.Count > 1 || fields[0].Length > 0) yield return (recordLine, fields.ToArray());
    }
}
