using System.Security.Claims;
using System.Text.Json;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Execution;

/// <summary>The context of one field resolution.</summary>
internal sealed class ResolverContext(
    OperationContext operation,
    ObjectType objectType,
    OutputField field,
    List<FieldNode> fieldNodes,
    ResponsePath path,
    object? parent,
    IReadOnlyDictionary<string, object?> arguments) : IResolverContext
{
    private static readonly JsonSerializerOptions ConvertOptions = new() { PropertyNameCaseInsensitive = true };

    public Schema Schema => operation.Schema;

    public ObjectType ObjectType { get; } = objectType;

    public OutputField Field { get; } = field;

    public List<FieldNode> FieldNodes { get; } = fieldNodes;

    public IReadOnlyList<object> Path => ResponsePath.ToList();

    public ResponsePath ResponsePath { get; } = path;

    public object? ParentValue { get; } = parent;

    public IReadOnlyDictionary<string, object?> Arguments { get; } = arguments;

    public IServiceProvider Services => operation.Request.Services;

    public IDictionary<string, object?> ContextData => operation.Request.ContextData;

    public ClaimsPrincipal? User => operation.Request.User;

    public CancellationToken RequestAborted => operation.CancellationToken;

    public T Parent<T>() => (T)ParentValue!;

    public T ArgumentValue<T>(string name)
    {
        if (!Arguments.TryGetValue(name, out var value) || value is null)
        {
            return default!;
        }

        if (value is T typed)
        {
            return typed;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (value is IConvertible && target.IsPrimitive || target == typeof(decimal) || target == typeof(string))
        {
            return (T)Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (target.IsEnum && value is string s)
        {
            return (T)Enum.Parse(target, s.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        }

        var element = JsonSerializer.SerializeToElement(value);
        return element.Deserialize<T>(ConvertOptions)!;
    }

    public TLoader DataLoader<TLoader>()
        where TLoader : class, IDataLoader => operation.GetLoader<TLoader>();

    public void ReportError(GraphQLException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        operation.AddError(Executor.ToError(exception, FieldNodes, ResponsePath, operation));
    }
}
