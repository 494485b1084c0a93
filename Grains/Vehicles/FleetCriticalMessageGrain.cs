using System.Text;
using Twins.Grains.Interfaces.Vehicles;

namespace Twins.Grains.Vehicles;

/// <summary>Keeps and publishes the fleet-wide critical message; the change is written before it is published.</summary>
[GrainType("fleet-critical-message")]
internal sealed class FleetCriticalMessageGrain(
    [PersistentState("critical")] IPersistentState<CriticalState> state,
    VehicleServices services) : Grain, IFleetCriticalMessageGrain
{
    public async Task<CriticalMessage?> SendAsync(CriticalMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = services.Time.GetUtcNow();
        var clear = message.Payload.Length == 0;
        if (!clear && message.ExpiresAt <= now)
        {
            throw new ArgumentException("A critical message must expire in the future.", nameof(message));
        }

        var sent = clear ? null : message with { SentAt = now };
        state.State = new CriticalState(sent);
        await state.WriteStateAsync();
        var expiry = clear ? 0 : (uint)Math.Clamp(Math.Ceiling((message.ExpiresAt - now).TotalSeconds), 1, uint.MaxValue);
        services.Outbound.Publish([new OutboundMessage(services.Topics.FleetCritical(), Encoding.UTF8.GetBytes(message.Payload), Retain: true, MessageExpiryInterval: expiry)]);
        return sent;
    }

    public Task<CriticalMessage?> GetAsync()
    {
        var message = (state.RecordExists ? state.State : CriticalState.Empty).Message;
        return Task.FromResult(message is not null && message.ExpiresAt > services.Time.GetUtcNow() ? message : null);
    }
}
