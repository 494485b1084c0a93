namespace Twins.Actors.Transport.Internal;

/// <summary>
/// The kinds of frame on a connection. Every frame is <c>length:u32 | type:u8 | id:i64 | body</c>
/// (little-endian; the length counts type, id and body).
/// </summary>
internal enum FrameType : byte
{
    /// <summary>
    /// A grain or observer call: view version, target generation, grain id, interface, method, JSON arguments.
    /// It is answered unless its method is one-way.
    /// </summary>
    Request = 1,

    /// <summary>A successful answer: the JSON result.</summary>
    Response = 2,

    /// <summary>A failed answer: exception type name and message.</summary>
    Error = 3,

    /// <summary>"Not the owner under my view": the answering silo's view.</summary>
    Moved = 4,

    /// <summary>A one-way notice that the sender's view changed (body: its version); no answer.</summary>
    ViewNotice = 5,

    /// <summary>
    /// First frame a cluster client sends on each connection it opens (body: its name), so the silo can send
    /// calls to observers the client hosts back over that connection; no answer.
    /// </summary>
    Hello = 6,
}
