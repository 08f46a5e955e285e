import SubmitForm from '../../components/submit-form';

/** 申报 (tab): a villager reports a deed for their own household. */
export default function SubmitPage() {
  return <SubmitForm />;
}
