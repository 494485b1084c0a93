using Twins.Actors.Filters;
using Twins.Actors.Hosting;
using Microsoft.Extensions.Options;
using Twins.Actors.Invocation;
using Twins.Actors.Runtime;

namespace Twins.Actors.Internal;

/// <summary>The grain factory and the dispatcher behind every proxy: prepares a request, runs outgoing filters, routes it.</summary>
internal sealed class GrainRuntime : IGrainFactory, IGrainCallDispatcher
{
    private readonly IGrainLocator _locator;
    private readonly Catalog _catalog;
    private readonly TimeProvider _time;
    private readonly ActorsMetrics _metrics;
    private readonly string _siloName;

    public GrainRuntime(IGrainLocator locator, Catalog catalog, TimeProvider time, ActorsMetrics metrics, IOptions<SiloOptions> options, IEnumerable<IOutgoingGrainCallFilter> outgoingFilters)
    {
        _locator = locator;
        _catalog = catalog;
        _time = time;
        _metrics = metrics;
        _siloName = options.Value.SiloName;
        OutgoingFilters = outgoingFilters.ToArray();
    }

    public IOutgoingGrainCallFilter[] OutgoingFilters { get; }

    public IGrainFactory GrainFactory => this;

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey) where TGrainInterface : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(primaryKey);
        var registration = Registration<TGrainInterface>.Value;
        return (TGrainInterface)registration.CreateProxy(this, new GrainId(registration.GrainType, primaryKey));
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey) where TGrainInterface : IGrainWithGuidKey
    {
        var registration = Registration<TGrainInterface>.Value;
        return (TGrainInterface)registration.CreateProxy(this, new GrainId(registration.GrainType, GrainExtensions.FormatKey(primaryKey)));
    }

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId) where TGrainInterface : IAddressable =>
        (TGrainInterface)Registration<TGrainInterface>.Value.CreateProxy(this, grainId);

    public IAddressable GetGrain(Type interfaceType, GrainId grainId) =>
        (IAddressable)GrainInterfaceRegistry.Get(interfaceType).CreateProxy(this, grainId);

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj) where TGrainObserverInterface : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (obj is GrainReference)
        {
            throw new ArgumentException("Pass the observer object itself, not a reference to it.", nameof(obj));
        }

        var id = new GrainId(Catalog.ObserverType, $"{Guid.NewGuid():N}@{_siloName}");
        _catalog.AddObserver(id, obj);
        return GetGrain<TGrainObserverInterface>(id);
    }

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver reference) where TGrainObserverInterface : IGrainObserver
    {
        ArgumentNullException.ThrowIfNull(reference);
        _catalog.RemoveObserver(reference.GetGrainId());
    }

    public Task<TResult> InvokeAsync<TResult>(GrainReference target, GrainRequest<TResult> request)
    {
        ArgumentNullException.ThrowIfNull(target);
        return OutgoingFilters.Length == 0 ? SendAsync(target.GrainId, request) : InvokeWithFiltersAsync(target.GrainId, request);
    }

    public Task<TResult> SendAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        request.Prepare(target, _time.GetTimestamp());
        _metrics.CallSent();
        var destination = _locator.Locate(target);
        if (request.IsOneWay && destination is Catalog catalog)
        {
            // Queued on a local activation: the caller does not wait for the turn (remote destinations
            // complete a one-way request themselves once it is on the wire).
            return catalog.Deliver(request) ? Task.FromResult(default(TResult)!) : request.Response;
        }

        destination.Send(request);
        return request.Response;
    }

    private async Task<TResult> InvokeWithFiltersAsync<TResult>(GrainId target, GrainRequest<TResult> request)
    {
        var context = new OutgoingGrainCallContext<TResult>(this, target, request);
        await context.Invoke().ConfigureAwait(true);
        return context.TypedResult;
    }

    private static class Registration<T>
    {
        public static readonly GrainInterfaceRegistration Value = GrainInterfaceRegistry.Get(typeof(T));
    }
}
