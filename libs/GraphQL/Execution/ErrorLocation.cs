namespace Twins.GraphQL.Execution;

/// <summary>A one-based line and column in the request document.</summary>
/// <param name="Line">One-based line.</param>
/// <param name="Column">One-based column.</param>
public readonly record struct ErrorLocation(int Line, int Column);
