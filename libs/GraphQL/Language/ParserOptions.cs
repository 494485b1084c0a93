namespace Twins.GraphQL.Language;

/// <summary>Limits applied while parsing, so hostile documents fail with a syntax error instead of exhausting the process.</summary>
internal sealed record ParserOptions(int MaxTokens = ParserOptions.DefaultMaxTokens, int MaxDepth = ParserOptions.DefaultMaxDepth)
{
    /// <summary>Default token limit.</summary>
    public const int DefaultMaxTokens = 15_000;

    /// <summary>Default nesting limit (selection sets, list and object values, list types).</summary>
    public const int DefaultMaxDepth = 128;

    public static ParserOptions Default { get; } = new();
}
