/** Feature request form: the request, why it matters, anything else. */
import { defineIssueForm } from '#ci';

export default defineIssueForm({
  name: '🚀 Feature request',
  description: 'Suggest something OpenLLM could do (a model, a backend, an integration, …).',
  title: 'feat: ',
  labels: ['enhancement'],
  body: [
    {
      type: 'textarea',
      id: 'feature-request',
      attributes: {
        label: 'Feature request',
        description: 'What would you like OpenLLM to do? Describe it as concretely as you can.',
      },
      validations: { required: true },
    },
    {
      type: 'textarea',
      id: 'motivation',
      attributes: {
        label: 'Motivation',
        description:
          'What problem does it solve for you, and how do you work around it today? Links to related issues are welcome.',
      },
    },
    {
      type: 'textarea',
      id: 'other',
      attributes: {
        label: 'Other',
        description:
          'Anything else: alternatives you considered, prior art, whether you could help build it.',
      },
    },
  ],
});
