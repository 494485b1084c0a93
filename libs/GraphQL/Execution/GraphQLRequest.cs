namespace Twins.GraphQL.Execution;

/// <summary>A GraphQL request: document, optional operation name, variables and extensions.</summary>
/// <param name="Query">The document text.</param>
/// <param name="OperationName">Which operation to run, when the document has several.</param>
/// <param name="Variables">Variable values as plain values (dictionary, list, double, string, bool, null).</param>
/// <param name="Extensions">Protocol extensions, or null.</param>
public sealed record GraphQLRequest(string? Query, string? OperationName = null, IReadOnlyDictionary<string, object?>? Variables = null, IReadOnlyDictionary<string, object?>? Extensions = null);
