using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;
using Twins.GraphQL.Validation;

namespace Twins.GraphQL.Execution;

/// <summary>
/// Runs requests against a schema: parse (with token and nesting limits), validate (every rule of the
/// specification, then depth, cost and introspection limits), coerce variables, execute with DataLoader
/// batching and a timeout. Parsed and validated documents are cached by their text.
/// </summary>
public sealed partial class RequestExecutor
{
    private const int DocumentCacheSize = 1024;
    private readonly ConcurrentDictionary<string, CachedDocument> _documents = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ParserOptions _parserOptions;

    /// <summary>Creates an executor for <paramref name="schema"/>.</summary>
    public RequestExecutor(Schema schema, GraphQLServerOptions? options = null, ILogger<RequestExecutor>? logger = null, TimeProvider? timeProvider = null)
    {
        Schema = schema ?? throw new ArgumentNullException(nameof(schema));
        Options = options ?? new GraphQLServerOptions();
        Options.Validate();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _parserOptions = new ParserOptions(Options.MaxTokens, Math.Max(ParserOptions.DefaultMaxDepth, Options.MaxDepth * 2));
    }

    /// <summary>The schema.</summary>
    public Schema Schema { get; }

    /// <summary>The limits in force.</summary>
    public GraphQLServerOptions Options { get; }

    /// <summary>Runs a query or mutation (a subscription request gets an error: use <see cref="SubscribeAsync"/>).</summary>
    public async Task<ExecutionResult> ExecuteAsync(GraphQLRequest request, RequestContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        context ??= new RequestContext();
        var prepared = Prepare(request, context);
        if (!prepared.IsValid)
        {
            return ExecutionResult.FromErrors(prepared.Errors);
        }

        if (prepared.Operation!.Operation == OperationType.Subscription)
        {
            var subscription = await StartSubscriptionAsync(prepared, request, context, cancellationToken).ConfigureAwait(false);
            if (subscription.Errors is not null)
            {
                return subscription.Errors;
            }

            await foreach (var first in subscription.Stream!.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                return first;
            }

            return ExecutionResult.FromErrors([new GraphQLError("The subscription ended without an event.")]);
        }

        return await ExecutePreparedAsync(prepared, request, context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a subscription: the result holds either errors or the stream of results.</summary>
    public Task<SubscriptionResult> SubscribeAsync(GraphQLRequest request, RequestContext? context = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        context ??= new RequestContext();
        var prepared = Prepare(request, context);
        if (!prepared.IsValid)
        {
            return Task.FromResult(new SubscriptionResult(ExecutionResult.FromErrors(prepared.Errors), null));
        }

        return StartSubscriptionAsync(prepared, request, context, cancellationToken);
    }

    /// <summary>Parses, validates and picks the operation; errors here are request errors (no <c>data</c>).</summary>
    internal PreparedRequest Prepare(GraphQLRequest request, RequestContext context)
    {
        if (string.IsNullOrEmpty(request.Query))
        {
            return new PreparedRequest(null, null, [new GraphQLError("The request has no query.", null, null, ErrorExtensions.Code(ErrorCodes.BadUserInput))]);
        }

        var cached = GetDocument(request.Query);
        if (cached.Errors.Count > 0)
        {
            return new PreparedRequest(cached.Document, null, cached.Errors);
        }

        if (cached.UsesIntrospection && !IntrospectionAllowed(context))
        {
            return new PreparedRequest(cached.Document, null, [new GraphQLError("Introspection is not allowed for this caller.", null, null, ErrorExtensions.Code(ErrorCodes.IntrospectionDisabled))]);
        }

        var document = cached.Document!;
        OperationDefinitionNode? operation = null;
        var count = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is not OperationDefinitionNode candidate)
            {
                continue;
            }

            count++;
            if (request.OperationName is null ? count == 1 : candidate.Name?.Value == request.OperationName)
            {
                operation ??= candidate;
            }
        }

        string? error = null;
        if (request.OperationName is null && count > 1)
        {
            error = "Must provide operation name if query contains multiple operations.";
        }
        else if (operation is null)
        {
            error = request.OperationName is null ? "Must provide an operation." : $"Unknown operation named \"{request.OperationName}\".";
        }

        return error is null
            ? new PreparedRequest(document, operation, [])
            : new PreparedRequest(document, null, [new GraphQLError(error, null, null, ErrorExtensions.Code(ErrorCodes.OperationNotFound))]);
    }

    // Untraced (no listener on the activity source): no span, and no extra state machine on the hot path.
    internal Task<ExecutionResult> ExecutePreparedAsync(PreparedRequest prepared, GraphQLRequest request, RequestContext context, CancellationToken cancellationToken) =>
        GraphQLDiagnostics.Source.HasListeners()
            ? ExecuteTracedAsync(prepared, request, context, cancellationToken)
            : ExecutePreparedCoreAsync(prepared, request, context, cancellationToken);

    private async Task<ExecutionResult> ExecuteTracedAsync(PreparedRequest prepared, GraphQLRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        using var activity = GraphQLDiagnostics.StartOperation(prepared.Operation!.Operation, prepared.Operation.Name?.Value);
        var result = await ExecutePreparedCoreAsync(prepared, request, context, cancellationToken).ConfigureAwait(false);
        if (result.Errors is { Count: > 0 } errors)
        {
            // The conventions' error.type: the first error's code when it has one.
            GraphQLDiagnostics.Failed(activity, errors[0].Code ?? "GraphQLError");
        }

        return result;
    }

    private async Task<ExecutionResult> ExecutePreparedCoreAsync(PreparedRequest prepared, GraphQLRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var errors = new List<GraphQLError>();
        var variables = ValueCoercion.VariableValues(Schema, prepared.Operation!, request.Variables, errors);
        if (errors.Count > 0)
        {
            return ExecutionResult.FromErrors(errors);
        }

        using var timeout = new CancellationTokenSource(Options.ExecutionTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var operation = CreateContext(prepared, variables, context, linked.Token);
        try
        {
            return await Executor.ExecuteAsync(operation).WaitAsync(Options.ExecutionTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            linked.Cancel();
            Log.ExecutionTimedOut(_logger, Options.ExecutionTimeout);
            return new ExecutionResult(null, true, [new GraphQLError($"The operation exceeded the execution timeout of {Options.ExecutionTimeout.TotalSeconds:0.###} s.", null, null, ErrorExtensions.Code(ErrorCodes.Timeout))]);
        }
    }

    private OperationContext CreateContext(PreparedRequest prepared, Dictionary<string, object?> variables, RequestContext context, CancellationToken cancellationToken)
    {
        var fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in prepared.Document!.Definitions)
        {
            if (definition is FragmentDefinitionNode fragment)
            {
                fragments.TryAdd(fragment.Name.Value, fragment);
            }
        }

        return new OperationContext(Schema, fragments, prepared.Operation!, variables, context, Options, cancellationToken)
        {
            OnUnexpectedError = exception => Log.ResolverFailed(_logger, exception),
        };
    }

    internal async Task<SubscriptionResult> StartSubscriptionAsync(PreparedRequest prepared, GraphQLRequest request, RequestContext context, CancellationToken cancellationToken)
    {
        var errors = new List<GraphQLError>();
        var variables = ValueCoercion.VariableValues(Schema, prepared.Operation!, request.Variables, errors);
        if (errors.Count > 0)
        {
            return new SubscriptionResult(ExecutionResult.FromErrors(errors), null);
        }

        if (prepared.Operation!.Operation != OperationType.Subscription)
        {
            return new SubscriptionResult(null, Single(ExecutePreparedAsync(prepared, request, context, cancellationToken)));
        }

        var operation = CreateContext(prepared, variables, context, cancellationToken);
        var rootType = Schema.SubscriptionType;
        if (rootType is null)
        {
            return new SubscriptionResult(ExecutionResult.FromErrors([Executor.LocatedAt("Schema is not configured to execute subscription operation.", prepared.Operation)]), null);
        }

        var fields = Executor.CollectFields(operation, rootType, prepared.Operation.SelectionSet);
        var (responseName, fieldNodes) = fields.GetAt(0);
        var fieldNode = fieldNodes[0];
        var field = Schema.GetField(rootType, fieldNode.Name.Value);
        if (field is null)
        {
            return new SubscriptionResult(ExecutionResult.FromErrors([Executor.LocatedAt($"The subscription field \"{fieldNode.Name.Value}\" is not defined.", fieldNode)]), null);
        }

        var path = new ResponsePath(null, responseName);
        try
        {
            var arguments = ValueCoercion.ArgumentValues(field.Arguments, fieldNode.Arguments, variables, fieldNode);
            var resolverContext = new ResolverContext(operation, rootType, field, fieldNodes, path, context.RootValue, arguments);
            if (field.Subscriber is null)
            {
                throw new GraphQLException($"Subscription field must return Async Iterable. Received: {JsValues.Inspect(null)}.");
            }

            var stream = await field.Subscriber(resolverContext).ConfigureAwait(false);
            return new SubscriptionResult(null, MapEvents(stream, prepared, variables, context, cancellationToken));
        }
#pragma warning disable CA1031 // any failure to start the stream becomes a GraphQL error for the client
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return new SubscriptionResult(ExecutionResult.FromErrors([Executor.ToError(exception, fieldNodes, path, operation)]), null);
        }
    }

    private async IAsyncEnumerable<ExecutionResult> MapEvents(IAsyncEnumerable<object?> stream, PreparedRequest prepared, Dictionary<string, object?> variables, RequestContext context, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in stream.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var eventContext = new RequestContext
            {
                Services = context.Services,
                User = context.User,
                ContextData = context.ContextData,
                RootValue = item,
                AllowIntrospection = context.AllowIntrospection,
            };
            using var timeout = new CancellationTokenSource(Options.ExecutionTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
            yield return await Executor.ExecuteAsync(CreateContext(prepared, variables, eventContext, linked.Token)).ConfigureAwait(false);
        }
    }

    private static async IAsyncEnumerable<ExecutionResult> Single(Task<ExecutionResult> result)
    {
        yield return await result.ConfigureAwait(false);
    }

    private bool IntrospectionAllowed(RequestContext context)
    {
        if (context.AllowIntrospection is { } allowed)
        {
            return allowed;
        }

        return Options.AllowIntrospection && (Options.IntrospectionPolicy is null || Options.IntrospectionPolicy(context.User));
    }

    private CachedDocument GetDocument(string query)
    {
        if (_documents.TryGetValue(query, out var cached))
        {
            return cached;
        }

        cached = ParseAndValidate(query);
        if (_documents.Count >= DocumentCacheSize)
        {
            _documents.Clear();
        }

        _documents[query] = cached;
        return cached;
    }

    private CachedDocument ParseAndValidate(string query)
    {
        DocumentNode document;
        try
        {
            document = Utf8GraphQLParser.Parse(query, _parserOptions);
        }
        catch (GraphQLSyntaxException error)
        {
            return new CachedDocument(null, [new GraphQLError(error.Message, [new ErrorLocation(error.Line, error.Column)], null, ErrorExtensions.Code(ErrorCodes.ParseFailed))], false);
        }

        // The server's limits first: they are cheap, and they keep oversized documents away from the
        // specification's rules (field merging is quadratic in the worst case).
        var limitErrors = OperationLimits.Check(document, Schema, Options, out var usesIntrospection);
        if (limitErrors.Count > 0)
        {
            return new CachedDocument(document, limitErrors, usesIntrospection);
        }

        var errors = DocumentValidator.Validate(Schema, document);
        return new CachedDocument(document, errors, usesIntrospection);
    }
}
