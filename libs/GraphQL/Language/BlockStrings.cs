using System.Text;

namespace Twins.GraphQL.Language;

/// <summary>Block string rules of the specification: dedenting raw lines, and printing a value back.</summary>
internal static class BlockStrings
{
    public static string Dedent(List<string> lines)
    {
        var commonIndent = int.MaxValue;
        var firstNonEmpty = -1;
        var lastNonEmpty = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var indent = LeadingWhitespace(line);
            if (indent == line.Length)
            {
                continue;
            }

            if (firstNonEmpty < 0)
            {
                firstNonEmpty = i;
            }

            lastNonEmpty = i;
            if (i != 0 && indent < commonIndent)
            {
                commonIndent = indent;
            }
        }

        if (firstNonEmpty < 0)
        {
            return "";
        }

        var builder = new StringBuilder();
        for (var i = firstNonEmpty; i <= lastNonEmpty; i++)
        {
            if (i > firstNonEmpty)
            {
                builder.Append('\n');
            }

            var line = lines[i];
            builder.Append(i == 0 || commonIndent == int.MaxValue ? line : (line.Length > commonIndent ? line[commonIndent..] : ""));
        }

        return builder.ToString();
    }

    public static string Print(string value)
    {
        var escaped = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = escaped.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', '\r');
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1 && lines.Skip(1).All(l => l.Length == 0 || l[0] is ' ' or '\t');
        var hasTrailingTripleQuotes = escaped.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine || hasTrailingTripleQuotes;
        var skipLeadingNewLine = isSingleLine && value.Length > 0 && value[0] is ' ' or '\t';
        var result = new StringBuilder("\"\"\"");
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine)
        {
            result.Append('\n');
        }

        result.Append(escaped);
        if (printAsMultipleLines || forceTrailingNewline)
        {
            result.Append('\n');
        }

        return result.Append("\"\"\"").ToString();
    }

    private static int LeadingWhitespace(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }
}
