using Twins.GraphQL.Language;

namespace Twins.GraphQL.Execution;

/// <summary>The parse and validation outcome of one document text, cached by the executor.</summary>
internal sealed record CachedDocument(DocumentNode? Document, IReadOnlyList<GraphQLError> Errors, bool UsesIntrospection);
