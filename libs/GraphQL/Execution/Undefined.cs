namespace Twins.GraphQL.Execution;

/// <summary>Marks a value that was not given at all, as distinct from an explicit null.</summary>
internal sealed class Undefined
{
    public static readonly Undefined Value = new();

    private Undefined()
    {
    }
}
