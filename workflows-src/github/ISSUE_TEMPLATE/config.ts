/** The template chooser: blank issues stay possible; questions go to the BentoML discussions. */
import { defineIssueConfig } from '#ci';

export default defineIssueConfig({
  blank_issues_enabled: true,
  contact_links: [
    {
      name: 'Blank issue',
      url: 'https://github.com/bentoml/OpenLLM/issues/new',
      about: 'Something that fits neither form.',
    },
    {
      name: 'BentoML discussions',
      url: 'https://github.com/orgs/bentoml/discussions',
      about: 'Questions, ideas and help from the BentoML community.',
    },
  ],
});
