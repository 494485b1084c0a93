using Microsoft.Extensions.Options;
using Twins.Grains.Commands;
using Twins.Grains.Connections;
using Twins.Grains.DeviceShadow;
using Twins.Grains.Interfaces.Vehicles;
using Twins.Grains.Routing;
using Twins.Grains.TelemetrySink;
using Twins.Grains.WakeUp;

namespace Twins.Grains.Vehicles;

/// <summary>The shared, stateless collaborators of every vehicle grain, built once from the options.</summary>
internal sealed class VehicleServices
{
    public VehicleServices(IOptions<VehicleGrainOptions> options, TimeProvider time, IVehicleOutbound outbound, ITelemetrySink sink, IWakeUpNotifier wakeUp)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Time = time;
        Outbound = outbound;
        Sink = sink;
        WakeUp = wakeUp;
        Topics = new TopicBuilder(o.Topics);
        Shadow = new ShadowEngine();
        Commands = new CommandProcessor(o.Commands, Topics);
        ConnectionOptions = o.Connection;
        Connection = new ConnectionTracker(ConnectionOptions);
        AdmitUnprovisionedVehicles = o.AdmitUnprovisionedVehicles;
    }

    public bool AdmitUnprovisionedVehicles { get; }

    public TimeProvider Time { get; }

    public IVehicleOutbound Outbound { get; }

    public ITelemetrySink Sink { get; }

    public IWakeUpNotifier WakeUp { get; }

    public TopicBuilder Topics { get; }

    public ShadowEngine Shadow { get; }

    public CommandProcessor Commands { get; }

    public ConnectionOptions ConnectionOptions { get; }

    public ConnectionTracker Connection { get; }
}
