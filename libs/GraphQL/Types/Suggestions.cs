namespace Twins.GraphQL.Types;

/// <summary>"Did you mean" suggestions computed exactly as graphql-js does (lexical distance, natural order).</summary>
internal static class Suggestions
{
    public static string DidYouMean(string subMessage, IReadOnlyList<string> suggestions) => DidYouMean(suggestions, subMessage);

    public static string DidYouMean(IReadOnlyList<string> suggestions, string? subMessage = null)
    {
        if (suggestions.Count == 0)
        {
            return "";
        }

        var message = subMessage is null ? " Did you mean " : " Did you mean " + subMessage + " ";
        var quoted = suggestions.Take(5).Select(s => "\"" + s + "\"").ToList();
        return quoted.Count switch
        {
            1 => message + quoted[0] + "?",
            2 => message + quoted[0] + " or " + quoted[1] + "?",
            _ => message + string.Join(", ", quoted.Take(quoted.Count - 1)) + ", or " + quoted[^1] + "?",
        };
    }

    public static IReadOnlyList<string> List(string input, IEnumerable<string> options)
    {
        var distances = new Dictionary<string, int>(StringComparer.Ordinal);
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var inputLower = input.ToLowerInvariant();
        foreach (var option in options)
        {
            var distance = Distance(input, inputLower, option, threshold);
            if (distance is { } d)
            {
                distances[option] = d;
            }
        }

        return distances.Keys
            .OrderBy(k => k, Comparer<string>.Create((a, b) =>
            {
                var diff = distances[a] - distances[b];
                return diff != 0 ? diff : NaturalCompare(a, b);
            }))
            .ToList();
    }

    private static int? Distance(string input, string inputLower, string option, int threshold)
    {
        if (input == option)
        {
            return 0;
        }

        var optionLower = option.ToLowerInvariant();
        if (inputLower == optionLower)
        {
            return 1;
        }

        var a = inputLower;
        var b = optionLower;
        if (a.Length < b.Length)
        {
            (a, b) = (b, a);
        }

        var aLength = a.Length;
        var bLength = b.Length;
        if (aLength - bLength > threshold)
        {
            return null;
        }

        var rows = new int[3][];
        for (var r = 0; r < 3; r++)
        {
            rows[r] = new int[bLength + 1];
        }

        for (var j = 0; j <= bLength; j++)
        {
            rows[0][j] = j;
        }

        for (var i = 1; i <= aLength; i++)
        {
            var upRow = rows[(i - 1) % 3];
            var currentRow = rows[i % 3];
            var smallest = currentRow[0] = i;
            for (var j = 1; j <= bLength; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var currentCell = Math.Min(Math.Min(upRow[j] + 1, currentRow[j - 1] + 1), upRow[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    var doubleDiagonalCell = rows[(i - 2) % 3][j - 2];
                    currentCell = Math.Min(currentCell, doubleDiagonalCell + 1);
                }

                if (currentCell < smallest)
                {
                    smallest = currentCell;
                }

                currentRow[j] = currentCell;
            }

            if (smallest > threshold)
            {
                return null;
            }
        }

        var distance = rows[aLength % 3][bLength];
        return distance <= threshold ? distance : null;
    }

    /// <summary>graphql-js naturalCompare: digit runs compare numerically.</summary>
    public static int NaturalCompare(string a, string b)
    {
        var aIndex = 0;
        var bIndex = 0;
        while (aIndex < a.Length && bIndex < b.Length)
        {
            var aChar = a[aIndex];
            var bChar = b[bIndex];
            if (char.IsAsciiDigit(aChar) && char.IsAsciiDigit(bChar))
            {
                var aNum = 0L;
                do
                {
                    aNum = (aNum * 10) + (a[aIndex] - '0');
                    aIndex++;
                }
                while (aIndex < a.Length && char.IsAsciiDigit(a[aIndex]) && aNum < 1_000_000_000_000);

                var bNum = 0L;
                do
                {
                    bNum = (bNum * 10) + (b[bIndex] - '0');
                    bIndex++;
                }
                while (bIndex < b.Length && char.IsAsciiDigit(b[bIndex]) && bNum < 1_000_000_000_000);

                if (aNum < bNum)
                {
                    return -1;
                }

                if (aNum > bNum)
                {
                    return 1;
                }
            }
            else
            {
                if (aChar < bChar)
                {
                    return -1;
                }

                if (aChar > bChar)
                {
                    return 1;
                }

                aIndex++;
                bIndex++;
            }
        }

        return a.Length - b.Length;
    }
}
