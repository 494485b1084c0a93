namespace Twins.GraphQL.Execution;

/// <summary>One entry of a response's <c>errors</c> list.</summary>
/// <param name="Message">What went wrong, for the client.</param>
/// <param name="Locations">Where in the document, or null.</param>
/// <param name="Path">The response path (field names and list indices) of the field that failed, or null.</param>
/// <param name="Extensions">More detail, such as <c>code</c>, or null.</param>
public sealed record GraphQLError(string Message, IReadOnlyList<ErrorLocation>? Locations = null, IReadOnlyList<object>? Path = null, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    /// <summary>The <c>extensions.code</c>, or null.</summary>
    public string? Code => Extensions?.GetValueOrDefault("code") as string;
}
