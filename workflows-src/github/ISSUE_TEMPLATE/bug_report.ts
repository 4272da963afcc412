/** Bug report form: search first, then what happened, how to reproduce it, logs and environment. */
import { defineIssueForm } from '#ci';

export default defineIssueForm({
  name: '🐛 Bug report',
  description: 'Something in OpenLLM does not work as documented.',
  title: 'bug: ',
  labels: ['bug'],
  body: [
    {
      type: 'markdown',
      id: 'search-first',
      attributes: {
        value: [
          'Thanks for taking the time to report this!',
          '',
          'Before you file it, please [search the existing issues](https://github.com/bentoml/OpenLLM/issues?q=is%3Aissue) — someone may have reported the same problem, and adding what you found there helps more than a duplicate.',
        ].join('\n'),
      },
    },
    {
      type: 'textarea',
      id: 'description',
      attributes: {
        label: 'Describe the bug',
        description: 'What did you expect to happen, and what happened instead?',
        placeholder: 'When I run `openllm start …`, I expected … but got …',
      },
      validations: { required: true },
    },
    {
      type: 'textarea',
      id: 'reproduction',
      attributes: {
        label: 'To reproduce',
        description:
          'The smallest set of steps, commands or code that shows the problem. Which model and which backend did you use?',
        placeholder: '1. pip install openllm\n2. openllm start …\n3. …',
      },
    },
    {
      type: 'textarea',
      id: 'logs',
      attributes: {
        label: 'Logs',
        description: 'Full error output or stack trace. It is formatted as code automatically.',
        render: 'shell',
      },
    },
    {
      type: 'textarea',
      id: 'environment',
      attributes: {
        label: 'Environment',
        description:
          'Versions of the pieces involved: the output of `bentoml env` and `transformers-cli env`, and how you installed OpenLLM.',
        render: 'shell',
      },
    },
    {
      type: 'textarea',
      id: 'system-information',
      attributes: {
        label: 'System information (optional)',
        description: 'Operating system, CPU/GPU model, driver and CUDA versions, available memory.',
      },
    },
  ],
});
