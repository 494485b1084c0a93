using System.Text.Json;
using Twins.Actors.Invocation;

namespace Twins.Actors.Internal;

/// <summary>A timer tick queued as a turn; there is no caller to answer.</summary>
internal abstract class TimerTickRequest : GrainRequest<object?>
{
    protected TimerTickRequest(GrainId grainId, GrainTimerCreationOptions options)
    {
        TargetId = grainId;
        KeepAlive = options.KeepAlive;
        Flags = options.Interleave ? InvokeMethodOptions.AlwaysInterleave : InvokeMethodOptions.None;
    }

    public bool KeepAlive { get; }

    public GrainTimer? Timer { get; set; }

    public override InvokeMethodOptions Flags { get; }

    public override Type InterfaceType => typeof(IGrain);

    public override int MethodId => -1;

    public override string MethodName => "timer tick";

    public override int ArgumentCount => 0;

    public override object? GetArgument(int index) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void SetArgument(int index, object? value) => throw new ArgumentOutOfRangeException(nameof(index));

    public override void WriteArguments(Utf8JsonWriter writer, GrainCodec codec) => throw new NotSupportedException("Timer ticks never leave their activation.");

    public override void ReadArguments(ref Utf8JsonReader reader, GrainCodec codec) => throw new NotSupportedException("Timer ticks never leave their activation.");

    internal override void OnTurnEnded(Activation activation) => Timer?.OnTickEnded();
}
