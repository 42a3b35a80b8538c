# HxLiteLLM: JSON lines of every host result, for Invoke-HxAnsiblePlaybook (shipped with the module).
from __future__ import annotations

DOCUMENTATION = '''
    name: hxlitellm_events
    type: notification
    short_description: JSON lines of every host result for HxLiteLLM
    description:
      - Writes one JSON object per event to the inherited file descriptor named by HXLITELLM_EVENTS_FD.
      - Inert without that variable, so it can sit on the plugin path of any run.
'''

import datetime
import json
import os
import time

from ansible.parsing.ajson import AnsibleJSONEncoder
from ansible.plugins.callback import CallbackBase


def _now():
    return datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ')


def _in_rescued_block(task):
    parent = getattr(task, '_parent', None)
    while parent is not None:
        if getattr(parent, 'rescue', None):
            return True
        parent = getattr(parent, '_parent', None)
    return False


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = 'notification'
    CALLBACK_NAME = 'hxlitellm_events'
    # Loaded from the plugin path alone: the user's callbacks_enabled and stdout callback stay as they are.
    CALLBACK_NEEDS_ENABLED = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._out = None
        self._play = ''
        self._starts = {}
        fd = os.environ.get('HXLITELLM_EVENTS_FD')
        if fd:
            self._out = os.fdopen(int(fd), 'w', encoding='utf-8', closefd=False)

    def _emit(self, event, **data):
        if self._out is None:
            return
        line = json.dumps({'event': event, 'created': _now(), 'event_data': data}, cls=AnsibleJSONEncoder,
                          sort_keys=True, separators=(',', ':'))
        self._out.write(line + '\n')
        self._out.flush()

    def _host_result(self, event, result, status, ignore_errors=False):
        host, task, res = result._host.get_name(), result._task, result._result
        started = self._starts.pop((host, str(task._uuid)), None)
        end = time.time()
        message = res.get('msg', res.get('censored', ''))
        if not message and res.get('stderr'):
            message = res.get('stderr')
        if status == 'failed' and not ignore_errors and _in_rescued_block(task):
            status = 'rescued'
        self._emit(event, host=host, play=self._play, task=task.get_name().strip(), task_action=task.action,
                   status=status, changed=bool(res.get('changed', False)), ignore_errors=bool(ignore_errors),
                   start=started, end=end, msg=message if isinstance(message, str) else json.dumps(message, cls=AnsibleJSONEncoder),
                   rc=res.get('rc'))

    def v2_playbook_on_start(self, playbook):
        self._emit('playbook_on_start', playbook=playbook._file_name)

    def v2_playbook_on_play_start(self, play):
        self._play = play.get_name().strip()
        self._emit('playbook_on_play_start', play=self._play)

    def v2_runner_on_start(self, host, task):
        self._starts[(host.get_name(), str(task._uuid))] = time.time()

    def v2_runner_on_ok(self, result):
        self._host_result('runner_on_ok', result, 'changed' if result._result.get('changed') else 'ok')

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._host_result('runner_on_failed', result, 'ignored' if ignore_errors else 'failed', ignore_errors)

    def v2_runner_on_skipped(self, result):
        self._host_result('runner_on_skipped', result, 'skipped')

    def v2_runner_on_unreachable(self, result):
        self._host_result('runner_on_unreachable', result, 'unreachable')

    def v2_playbook_on_stats(self, stats):
        self._emit('playbook_on_stats', hosts={h: stats.summarize(h) for h in sorted(stats.processed.keys())})
