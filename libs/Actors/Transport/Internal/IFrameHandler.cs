using System.Buffers;

namespace Twins.Actors.Transport.Internal;

/// <summary>What a connection hands its received frames and its end to.</summary>
internal interface IFrameHandler
{
    /// <summary>Handles one frame; the body is valid only during the call.</summary>
    void OnFrame(Connection connection, FrameType type, long id, in ReadOnlySequence<byte> body);

    /// <summary>The connection ended (closed by either side or failed).</summary>
    void OnClosed(Connection connection, Exception? error);
}
