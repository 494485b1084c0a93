using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace Twins.Grains.Certificates;

/// <summary>
/// The append-only journal of issued certificates (<c>issued.jsonl</c>, owner-only, one JSON object per
/// line), loaded into memory at start. Appending to one open file keeps issuing fast; a line torn by a
/// crash is skipped on load (that request is simply issued again).
/// </summary>
internal sealed class IssueJournal : IDisposable
{
    private readonly ConcurrentDictionary<string, IssueJournalEntry> _entries = new(StringComparer.Ordinal);
    private readonly FileStream _file;
    private readonly Lock _append = new();

    private IssueJournal(FileStream file)
    {
        _file = file;
    }

    public static IssueJournal Open(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFiles.FileMode;
        }

        var file = new FileStream(path, options);
        var journal = new IssueJournal(file);
        using (var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            while (reader.ReadLine() is { } line)
            {
                try
                {
                    if (JsonSerializer.Deserialize(line, CertificateJsonContext.Default.IssueJournalEntry) is { } entry)
                    {
                        journal._entries.TryAdd(entry.RequestId, entry);
                    }
                }
                catch (JsonException)
                {
                    // A torn last line from a crash: that request was never answered, so it is issued again.
                }
            }
        }

        // End a torn last line so the next entry starts on a line of its own.
        if (file.Length > 0)
        {
            file.Seek(-1, SeekOrigin.End);
            var last = file.ReadByte();
            if (last != '\n')
            {
                file.WriteByte((byte)'\n');
                file.Flush();
            }
        }

        file.Seek(0, SeekOrigin.End);
        return journal;
    }

    public IssueJournalEntry? Find(string requestId) => _entries.GetValueOrDefault(requestId);

    /// <summary>Records <paramref name="entry"/> unless its request id is already recorded; returns the recorded one.</summary>
    public IssueJournalEntry Record(IssueJournalEntry entry)
    {
        var winner = _entries.GetOrAdd(entry.RequestId, entry);
        if (ReferenceEquals(winner, entry))
        {
            var line = JsonSerializer.SerializeToUtf8Bytes(entry, CertificateJsonContext.Default.IssueJournalEntry);
            lock (_append)
            {
                _file.Write(line);
                _file.WriteByte((byte)'\n');
                _file.Flush();
            }
        }

        return winner;
    }

    public void Dispose() => _file.Dispose();
}
