using System.Diagnostics;
using System.Diagnostics.Metrics;
using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>The runtime's instruments on meter <c>Twins.Actors</c>.</summary>
internal sealed class ActorsMetrics
{
    public const string MeterName = "Twins.Actors";

    private readonly Counter<long> _calls;
    private readonly Counter<long> _callFailures;
    private readonly Counter<long> _callTimeouts;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _activations;
    private readonly Counter<long> _activationFailures;
    private readonly Counter<long> _deactivations;
    private readonly Histogram<double> _storageDuration;
    private readonly Counter<long> _storageErrors;
    private readonly Counter<long> _reminderTicks;

    public ActorsMetrics(IMeterFactory meterFactory, Func<int> liveActivations)
    {
        var meter = meterFactory.Create(MeterName);
        _calls = meter.CreateCounter<long>("twins.actors.calls", "{call}", "Grain calls sent.");
        _callFailures = meter.CreateCounter<long>("twins.actors.call.failures", "{call}", "Grain calls that ended with an exception.");
        _callTimeouts = meter.CreateCounter<long>("twins.actors.call.timeouts", "{call}", "Grain calls that timed out.");
        _callDuration = meter.CreateHistogram<double>("twins.actors.call.duration", "s", "Time from sending a grain call to the end of its turn.");
        _activations = meter.CreateCounter<long>("twins.actors.activations", "{activation}", "Activations created.");
        _activationFailures = meter.CreateCounter<long>("twins.actors.activation.failures", "{activation}", "Activations that failed to activate.");
        _deactivations = meter.CreateCounter<long>("twins.actors.deactivations", "{activation}", "Activations deactivated, by reason.");
        meter.CreateObservableGauge("twins.actors.activations.live", liveActivations, "{activation}", "Live activations.");
        _storageDuration = meter.CreateHistogram<double>("twins.actors.storage.duration", "s", "Grain storage operation latency.");
        _storageErrors = meter.CreateCounter<long>("twins.actors.storage.errors", "{operation}", "Grain storage operations that failed.");
        _reminderTicks = meter.CreateCounter<long>("twins.actors.reminder.ticks", "{tick}", "Reminder ticks delivered.");
    }

    public void CallSent() => _calls.Add(1);

    public void CallEnded(GrainRequest request, Exception? failure, TimeProvider time)
    {
        if (request.ResponseTask is null)
        {
            return;
        }

        if (failure is not null)
        {
            _callFailures.Add(1);
        }

        if (_callDuration.Enabled)
        {
            _callDuration.Record(time.GetElapsedTime(request.SentTimestamp).TotalSeconds);
        }
    }

    public void CallTimedOut() => _callTimeouts.Add(1);

    public void Activated() => _activations.Add(1);

    public void ActivationFailed() => _activationFailures.Add(1);

    public void Deactivated(DeactivationReasonCode reason) => _deactivations.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));

    public void ReminderTick() => _reminderTicks.Add(1);

    public void StorageOperation(string storageName, StorageOperation operation, TimeSpan elapsed, bool failed)
    {
        var tags = new TagList { { "store", storageName }, { "operation", operation.ToString() } };
        if (_storageDuration.Enabled)
        {
            _storageDuration.Record(elapsed.TotalSeconds, tags);
        }

        if (failed)
        {
            _storageErrors.Add(1, tags);
        }
    }
}
