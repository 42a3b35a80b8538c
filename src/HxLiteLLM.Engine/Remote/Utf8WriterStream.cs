using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace HxLiteLLM.Remote
{
    /// <summary>
    /// A write-only stream that decodes UTF-8 into a writer as the bytes arrive. SSH.NET writes a command's output into
    /// it on the session's own receive thread, and a local process's pipes are copied into it, so no thread of ours
    /// waits on a pipe per command and nothing is kept beyond what the writer chooses to keep (the output may have no end).
    /// </summary>
    internal sealed class Utf8WriterStream : Stream
    {
        // Below the large-object threshold: a fleet has two of these per host.
        private const int ChunkBytes = 4096;
        private readonly TextWriter _writer;
        private readonly Decoder _decoder = new UTF8Encoding(false).GetDecoder();
        private readonly object _gate = new object();
        private char[]? _chars;
        private bool _finished;

        public Utf8WriterStream(TextWriter writer)
        {
            _writer = writer;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            lock (_gate)
            {
                if (_finished) return;
                _chars ??= new char[ChunkBytes + 1];
                while (count > 0)
                {
                    var take = Math.Min(count, ChunkBytes);
                    var decoded = _decoder.GetChars(buffer, offset, take, _chars, 0, flush: false);
                    _writer.Write(_chars, 0, decoded);
                    offset += take;
                    count -= take;
                }
            }
        }

        /// <summary>
        /// Writes out a trailing incomplete character and ignores every later write: once it returns, the writer is the
        /// caller's alone, even when a disposed command's receive thread is still delivering.
        /// </summary>
        public void Finish()
        {
            lock (_gate)
            {
                if (_finished) return;
                _finished = true;
                if (_chars == null) return;
                var rest = _decoder.GetChars(Array.Empty<byte>(), 0, 0, _chars, 0, flush: true);
                _writer.Write(_chars, 0, rest);
            }
        }

        /// <summary>
        /// Copies a readable stream (a process's pipe) into this one on a thread of its own until the stream ends or is
        /// disposed, then finishes. The reads block: an asynchronous read of a pipe allocates per call, which for a
        /// process printing without end would cost as much as keeping the text.
        /// </summary>
        public Task CopyFromAsync(Stream source) =>
            Task.Factory.StartNew(() =>
            {
                var bytes = new byte[ChunkBytes * 4];
                try
                {
                    int read;
                    while ((read = source.Read(bytes, 0, bytes.Length)) > 0) Write(bytes, 0, read);
                }
                catch (ObjectDisposedException)
                {
                    // the process was killed and its pipe closed: what arrived until then is written
                }
                Finish();
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        protected override void Dispose(bool disposing)
        {
            if (disposing) Finish();
            base.Dispose(disposing);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
