using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Execution;

/// <summary>State of one operation's execution.</summary>
internal sealed class OperationContext(
    Schema schema,
    Dictionary<string, FragmentDefinitionNode> fragments,
    OperationDefinitionNode operation,
    Dictionary<string, object?> variables,
    RequestContext request,
    GraphQLServerOptions options,
    CancellationToken cancellationToken)
{
    private readonly Lock _gate = new();
    private readonly List<GraphQLError> _errors = [];
    private Dictionary<Type, IDataLoader>? _loaders;

    public Schema Schema { get; } = schema;

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = fragments;

    public OperationDefinitionNode Operation { get; } = operation;

    public Dictionary<string, object?> Variables { get; } = variables;

    public RequestContext Request { get; } = request;

    public GraphQLServerOptions Options { get; } = options;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public BatchScheduler Scheduler { get; } = new();

    public Dictionary<(SelectionSetNode, ObjectType), OrderedDictionary<string, List<FieldNode>>> FieldCache { get; } = [];

    public Action<Exception>? OnUnexpectedError { get; init; }

    public void AddError(GraphQLError error)
    {
        lock (_gate)
        {
            _errors.Add(error);
        }
    }

    public List<GraphQLError> TakeErrors()
    {
        lock (_gate)
        {
            var copy = new List<GraphQLError>(_errors);
            _errors.Clear();
            return copy;
        }
    }

    public TLoader GetLoader<TLoader>()
        where TLoader : class, IDataLoader
    {
        lock (_gate)
        {
            _loaders ??= [];
            if (_loaders.TryGetValue(typeof(TLoader), out var existing))
            {
                return (TLoader)existing;
            }

            var loader = (TLoader?)Request.Services.GetService(typeof(TLoader))
                ?? Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<TLoader>(Request.Services);
            loader.Attach(Scheduler);
            _loaders[typeof(TLoader)] = loader;
            return loader;
        }
    }
}
