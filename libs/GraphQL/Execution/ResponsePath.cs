namespace Twins.GraphQL.Execution;

/// <summary>An immutable linked response path (response keys and list indices).</summary>
internal sealed class ResponsePath(ResponsePath? parent, object key)
{
    public ResponsePath? Parent { get; } = parent;

    public object Key { get; } = key;

    public IReadOnlyList<object> ToList()
    {
        var list = new List<object>();
        for (var p = this; p is not null; p = p.Parent)
        {
            list.Add(p.Key);
        }

        list.Reverse();
        return list;
    }
}
