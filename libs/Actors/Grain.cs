using Twins.Actors.Internal;

namespace Twins.Actors;

/// <summary>
/// Base class of grains. The runtime constructs a grain on its first call (resolving constructor
/// parameters from the service provider, and <see cref="Storage.PersistentStateAttribute"/> parameters from
/// the named stores), reads its persistent state, then calls <see cref="OnActivateAsync"/>. Calls run as
/// turns, one at a time unless the class is <see cref="ReentrantAttribute">[Reentrant]</see>.
/// </summary>
public abstract class Grain : IAddressable
{
    private readonly Activation? _activation;

    /// <summary>Binds the grain to the activation being constructed (none when constructed outside a silo).</summary>
    protected Grain()
    {
        _activation = Activation.Constructing;
    }

    /// <summary>The grain's id.</summary>
    public GrainId GrainId => Activation.GrainId;

    /// <summary>The factory for references to other grains.</summary>
    public IGrainFactory GrainFactory => Activation.Catalog.GrainFactory;

    /// <summary>The silo's service provider.</summary>
    protected IServiceProvider ServiceProvider => Activation.Catalog.Services;

    private Activation Activation => _activation ?? throw new InvalidOperationException("This grain was not activated by a silo.");

    /// <summary>Called after the persistent state was read, before the first call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Called before the activation is removed. Nothing is persisted implicitly.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation when the current turn (and any running turns) end.</summary>
    protected void DeactivateOnIdle() => Activation.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called."));

    /// <summary>Keeps the activation alive (not idle-collected) for at least <paramref name="timeSpan"/>.</summary>
    protected void DelayDeactivation(TimeSpan timeSpan) => Activation.DelayDeactivation(timeSpan);

    /// <summary>Registers a timer whose ticks run as exclusive turns; the period is measured from the end of each tick.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (cb, ct) => cb(ct), callback, new GrainTimerCreationOptions { DueTime = dueTime, Period = period });
    }

    /// <summary>Registers a timer with explicit options.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return RegisterGrainTimer(static (cb, ct) => cb(ct), callback, options);
    }

    /// <summary>Registers a timer passing <paramref name="state"/> to each tick.</summary>
    protected IGrainTimer RegisterGrainTimer<TState>(Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(options);
        return Activation.RegisterTimer(callback, state, options);
    }

    /// <summary>
    /// Registers (or moves) a durable reminder: first due after <paramref name="dueTime"/>, then every
    /// <paramref name="period"/>; <see cref="Timeout.InfiniteTimeSpan"/> or zero makes it one-shot.
    /// The grain must implement <see cref="IRemindable"/>.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentException.ThrowIfNullOrEmpty(reminderName);
        EnsureRemindable();
        return Activation.Catalog.Reminders.RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);
    }

    /// <summary>Removes a reminder.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return Activation.Catalog.Reminders.UnregisterAsync(GrainId, reminder.ReminderName);
    }

    /// <summary>The named reminder, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => Activation.Catalog.Reminders.GetAsync(GrainId, reminderName);

    /// <summary>All reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => Activation.Catalog.Reminders.GetAllAsync(GrainId);

    /// <inheritdoc />
    public override string ToString() => _activation is null ? GetType().Name : $"{GetType().Name} {_activation.GrainId}";

    private void EnsureRemindable()
    {
        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"Grain class '{GetType().Name}' must implement IRemindable to register reminders.");
        }
    }
}
