"""Name lists for faers_gen.py: real-looking drug and reaction vocabularies, fixed and seed-independent."""

# The lexicon deliberately does not depend on --seed: the popularity rank of a name is the
# same for every dataset, so "natalizumab" is always a head drug and queries written against
# one seed stay meaningful for another. Only the sampling of cases uses the seed.

import json
import os
import random

# Real generics placed at the head of the popularity ranking, in rank order.
# Fields: generic | brand ('' for none) | usual route | usual form | dose unit |
#         typical amounts (comma list) | main indication | signature reactions (';' list)
REAL_DRUGS = """\
adalimumab|HUMIRA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|40,80|Rheumatoid arthritis|Injection site pain;Injection site erythema;Psoriasis
metformin|GLUCOPHAGE|Oral|TABLET|MG|500,850,1000|Type 2 diabetes mellitus|Lactic acidosis;Diarrhoea;Vitamin B12 deficiency
natalizumab|TYSABRI|Intravenous (not otherwise specified)|INJECTION|MG|300|Multiple sclerosis|Progressive multifocal leukoencephalopathy;Multiple sclerosis relapse;JC virus test positive
etanercept|ENBREL|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|25,50|Rheumatoid arthritis|Injection site reaction;Psoriasis;Nasopharyngitis
lenalidomide|REVLIMID|Oral|CAPSULE|MG|5,10,15,25|Plasma cell myeloma|Neutropenia;Thrombocytopenia;Deep vein thrombosis
aspirin|BAYER ASPIRIN|Oral|TABLET|MG|81,100,325|Prophylaxis|Gastrointestinal haemorrhage;Haemorrhage;Anaemia
methotrexate|TREXALL|Oral|TABLET|MG|2.5,7.5,15,25|Rheumatoid arthritis|Pancytopenia;Stomatitis;Hepatotoxicity
prednisone|DELTASONE|Oral|TABLET|MG|5,10,20,40|Product used for unknown indication|Hyperglycaemia;Osteoporosis;Insomnia
infliximab|REMICADE|Intravenous (not otherwise specified)|POWDER FOR SOLUTION FOR INFUSION|MG|100,300,400|Crohn's disease|Infusion related reaction;Tuberculosis;Pneumonia
omeprazole|PRILOSEC|Oral|CAPSULE|MG|20,40|Gastrooesophageal reflux disease|Chronic kidney disease;Hypomagnesaemia;Clostridium difficile infection
atorvastatin|LIPITOR|Oral|FILM-COATED TABLET|MG|10,20,40,80|Hypercholesterolaemia|Myalgia;Rhabdomyolysis;Blood creatine phosphokinase increased
pembrolizumab|KEYTRUDA|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|200,400|Non-small cell lung cancer|Immune-mediated hepatitis;Pneumonitis;Hypothyroidism
rivaroxaban|XARELTO|Oral|FILM-COATED TABLET|MG|10,15,20|Atrial fibrillation|Gastrointestinal haemorrhage;Haemorrhage;Epistaxis
apixaban|ELIQUIS|Oral|FILM-COATED TABLET|MG|2.5,5|Atrial fibrillation|Haemorrhage;Gastrointestinal haemorrhage;Haematuria
dupilumab|DUPIXENT|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|200,300|Dermatitis atopic|Conjunctivitis;Injection site pain;Eye pruritus
secukinumab|COSENTYX|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|150,300|Psoriasis|Nasopharyngitis;Inflammatory bowel disease;Oral candidiasis
ustekinumab|STELARA|Subcutaneous|SOLUTION FOR INJECTION|MG|45,90|Crohn's disease|Nasopharyngitis;Injection site erythema;Headache
insulin glargine|LANTUS|Subcutaneous|SOLUTION FOR INJECTION|IU|10,20,30,40|Diabetes mellitus|Hypoglycaemia;Blood glucose increased;Injection site haematoma
levothyroxine|SYNTHROID|Oral|TABLET|UG|25,50,75,100,150|Hypothyroidism|Palpitations;Thyroid stimulating hormone increased;Weight decreased
amlodipine|NORVASC|Oral|TABLET|MG|5,10|Hypertension|Oedema peripheral;Dizziness;Flushing
lisinopril|ZESTRIL|Oral|TABLET|MG|5,10,20,40|Hypertension|Cough;Angioedema;Hyperkalaemia
tofacitinib|XELJANZ|Oral|FILM-COATED TABLET|MG|5,10,11|Rheumatoid arthritis|Herpes zoster;Deep vein thrombosis;Pulmonary embolism
nivolumab|OPDIVO|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|240,480|Malignant melanoma|Colitis;Hypothyroidism;Pneumonitis
ibrutinib|IMBRUVICA|Oral|CAPSULE|MG|140,420,560|Chronic lymphocytic leukaemia|Atrial fibrillation;Haemorrhage;Contusion
gabapentin|NEURONTIN|Oral|CAPSULE|MG|100,300,600|Neuralgia|Somnolence;Dizziness;Weight increased
tocilizumab|ACTEMRA|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|162,400,800|Rheumatoid arthritis|Neutropenia;Hepatic enzyme increased;Pneumonia
semaglutide|OZEMPIC|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|0.25,0.5,1,2|Type 2 diabetes mellitus|Nausea;Vomiting;Pancreatitis
dulaglutide|TRULICITY|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|0.75,1.5,3|Type 2 diabetes mellitus|Nausea;Diarrhoea;Decreased appetite
rituximab|RITUXAN|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|375,500,1000|Diffuse large B-cell lymphoma|Infusion related reaction;Neutropenia;Hepatitis B reactivation
bevacizumab|AVASTIN|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|5,7.5,15|Colorectal cancer|Hypertension;Proteinuria;Gastrointestinal perforation
trastuzumab|HERCEPTIN|Intravenous (not otherwise specified)|POWDER FOR SOLUTION FOR INFUSION|MG|150,440|Breast cancer|Cardiac failure;Ejection fraction decreased;Infusion related reaction
warfarin|COUMADIN|Oral|TABLET|MG|1,2,5|Atrial fibrillation|International normalised ratio increased;Haemorrhage;Haematoma
clozapine|CLOZARIL|Oral|TABLET|MG|25,100,200|Schizophrenia|Neutropenia;Agranulocytosis;Myocarditis
quetiapine|SEROQUEL|Oral|FILM-COATED TABLET|MG|25,100,300|Schizophrenia|Somnolence;Weight increased;Tardive dyskinesia
olanzapine|ZYPREXA|Oral|TABLET|MG|5,10,20|Schizophrenia|Weight increased;Diabetes mellitus;Sedation
risperidone|RISPERDAL|Oral|TABLET|MG|1,2,4|Schizophrenia|Gynaecomastia;Hyperprolactinaemia;Abnormal weight gain
sertraline|ZOLOFT|Oral|TABLET|MG|50,100|Depression|Suicidal ideation;Serotonin syndrome;Nausea
fluoxetine|PROZAC|Oral|CAPSULE|MG|20,40|Depression|Suicidal ideation;Insomnia;Serotonin syndrome
escitalopram|LEXAPRO|Oral|TABLET|MG|10,20|Depression|Electrocardiogram QT prolonged;Nausea;Hyponatraemia
duloxetine|CYMBALTA|Oral|CAPSULE|MG|30,60|Depression|Nausea;Withdrawal syndrome;Hyperhidrosis
pregabalin|LYRICA|Oral|CAPSULE|MG|75,150,300|Neuralgia|Dizziness;Somnolence;Oedema peripheral
oxycodone|OXYCONTIN|Oral|TABLET|MG|5,10,20,40|Pain|Drug dependence;Overdose;Respiratory depression
fentanyl|DURAGESIC|Transdermal|TRANSDERMAL PATCH|UG|12,25,50,100|Pain|Overdose;Respiratory depression;Drug abuse
acetaminophen|TYLENOL|Oral|TABLET|MG|325,500,1000|Pain|Hepatotoxicity;Acute hepatic failure;Overdose
ibuprofen|ADVIL|Oral|TABLET|MG|200,400,800|Pain|Gastrointestinal haemorrhage;Acute kidney injury;Peptic ulcer
naproxen|ALEVE|Oral|TABLET|MG|220,500|Pain|Gastrointestinal haemorrhage;Dyspepsia;Renal impairment
tramadol|ULTRAM|Oral|TABLET|MG|50,100|Pain|Seizure;Serotonin syndrome;Dizziness
furosemide|LASIX|Oral|TABLET|MG|20,40,80|Oedema|Hypokalaemia;Dehydration;Acute kidney injury
hydrochlorothiazide|MICROZIDE|Oral|TABLET|MG|12.5,25|Hypertension|Hyponatraemia;Hypokalaemia;Squamous cell carcinoma of skin
losartan|COZAAR|Oral|FILM-COATED TABLET|MG|25,50,100|Hypertension|Hyperkalaemia;Dizziness;Angioedema
metoprolol|LOPRESSOR|Oral|TABLET|MG|25,50,100|Hypertension|Bradycardia;Fatigue;Hypotension
simvastatin|ZOCOR|Oral|FILM-COATED TABLET|MG|10,20,40|Hypercholesterolaemia|Myalgia;Rhabdomyolysis;Hepatic enzyme increased
rosuvastatin|CRESTOR|Oral|FILM-COATED TABLET|MG|5,10,20|Hypercholesterolaemia|Myalgia;Muscle spasms;Blood creatine phosphokinase increased
clopidogrel|PLAVIX|Oral|FILM-COATED TABLET|MG|75|Acute myocardial infarction|Haemorrhage;Gastrointestinal haemorrhage;Thrombotic thrombocytopenic purpura
amoxicillin|AMOXIL|Oral|CAPSULE|MG|250,500,875|Infection|Rash;Diarrhoea;Hypersensitivity
levofloxacin|LEVAQUIN|Oral|FILM-COATED TABLET|MG|250,500,750|Pneumonia|Tendon rupture;Tendonitis;Peripheral neuropathy
ciprofloxacin|CIPRO|Oral|FILM-COATED TABLET|MG|250,500,750|Urinary tract infection|Tendonitis;Tendon rupture;Clostridium difficile colitis
vancomycin|VANCOCIN|Intravenous (not otherwise specified)|POWDER FOR SOLUTION FOR INFUSION|MG|500,1000|Sepsis|Acute kidney injury;Red man syndrome;Drug level increased
tacrolimus|PROGRAF|Oral|CAPSULE|MG|0.5,1,5|Renal transplant|Immunosuppressant drug level increased;Nephrotoxicity;Tremor
cyclophosphamide|CYTOXAN|Intravenous (not otherwise specified)|POWDER FOR SOLUTION FOR INJECTION|MG|500,750,1000|Breast cancer|Febrile neutropenia;Cystitis haemorrhagic;Alopecia
doxorubicin|ADRIAMYCIN|Intravenous (not otherwise specified)|SOLUTION FOR INJECTION|MG|50,60,75|Breast cancer|Cardiotoxicity;Febrile neutropenia;Alopecia
cisplatin|PLATINOL|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|50,75,100|Non-small cell lung cancer|Nephrotoxicity;Ototoxicity;Nausea
carboplatin|PARAPLATIN|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|300,450|Ovarian cancer|Thrombocytopenia;Anaemia;Hypersensitivity
paclitaxel|TAXOL|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|175,260|Breast cancer|Peripheral sensory neuropathy;Neutropenia;Alopecia
docetaxel|TAXOTERE|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|75,100|Breast cancer|Febrile neutropenia;Alopecia;Fluid retention
capecitabine|XELODA|Oral|FILM-COATED TABLET|MG|150,500|Colorectal cancer|Palmar-plantar erythrodysaesthesia syndrome;Diarrhoea;Stomatitis
bortezomib|VELCADE|Subcutaneous|POWDER FOR SOLUTION FOR INJECTION|MG|1.3,2.5,3.5|Plasma cell myeloma|Peripheral sensory neuropathy;Thrombocytopenia;Herpes zoster
dexamethasone|DECADRON|Oral|TABLET|MG|4,20,40|Plasma cell myeloma|Hyperglycaemia;Insomnia;Pneumonia
pomalidomide|POMALYST|Oral|CAPSULE|MG|1,2,4|Plasma cell myeloma|Neutropenia;Pneumonia;Fatigue
daratumumab|DARZALEX|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|16,1800|Plasma cell myeloma|Infusion related reaction;Neutropenia;Upper respiratory tract infection
palbociclib|IBRANCE|Oral|CAPSULE|MG|75,100,125|Breast cancer|Neutropenia;Fatigue;Alopecia
osimertinib|TAGRISSO|Oral|FILM-COATED TABLET|MG|40,80|Non-small cell lung cancer|Interstitial lung disease;Diarrhoea;Paronychia
imatinib|GLEEVEC|Oral|FILM-COATED TABLET|MG|100,400|Chronic myeloid leukaemia|Oedema;Muscle spasms;Fluid retention
ocrelizumab|OCREVUS|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|300,600|Multiple sclerosis|Infusion related reaction;Urinary tract infection;Nasopharyngitis
fingolimod|GILENYA|Oral|CAPSULE|MG|0.5|Multiple sclerosis|Bradycardia;Macular oedema;Herpes zoster
dimethyl fumarate|TECFIDERA|Oral|CAPSULE|MG|120,240|Multiple sclerosis|Flushing;Lymphopenia;Abdominal pain
glatiramer|COPAXONE|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|20,40|Multiple sclerosis|Injection site reaction;Chest pain;Lipoatrophy
interferon beta-1a|AVONEX|Intramuscular|SOLUTION FOR INJECTION|UG|30,44|Multiple sclerosis|Influenza like illness;Injection site pain;Depression
teriflunomide|AUBAGIO|Oral|FILM-COATED TABLET|MG|7,14|Multiple sclerosis|Alopecia;Alanine aminotransferase increased;Diarrhoea
levetiracetam|KEPPRA|Oral|FILM-COATED TABLET|MG|250,500,1000|Epilepsy|Aggression;Somnolence;Seizure
lamotrigine|LAMICTAL|Oral|TABLET|MG|25,100,200|Epilepsy|Stevens-Johnson syndrome;Rash;Drug reaction with eosinophilia and systemic symptoms
valproic acid|DEPAKOTE|Oral|TABLET|MG|250,500|Epilepsy|Hepatotoxicity;Pancreatitis;Hyperammonaemia
carbamazepine|TEGRETOL|Oral|TABLET|MG|200,400|Epilepsy|Stevens-Johnson syndrome;Hyponatraemia;Agranulocytosis
lithium|LITHOBID|Oral|TABLET|MG|300,450|Bipolar disorder|Tremor;Hypothyroidism;Renal impairment
aripiprazole|ABILIFY|Oral|TABLET|MG|5,10,15|Schizophrenia|Akathisia;Impulse-control disorder;Weight increased
montelukast|SINGULAIR|Oral|FILM-COATED TABLET|MG|4,10|Asthma|Nightmare;Suicidal ideation;Aggression
omalizumab|XOLAIR|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|150,300|Asthma|Anaphylactic reaction;Asthma;Injection site reaction
salbutamol|VENTOLIN|Respiratory (inhalation)|INHALATION AEROSOL|UG|100,200|Asthma|Tachycardia;Tremor;Palpitations
fluticasone|FLOVENT|Respiratory (inhalation)|INHALATION AEROSOL|UG|44,110,220|Asthma|Oral candidiasis;Dysphonia;Asthma
denosumab|PROLIA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|60,120|Osteoporosis|Osteonecrosis of jaw;Hypocalcaemia;Arthralgia
alendronic acid|FOSAMAX|Oral|TABLET|MG|35,70|Osteoporosis|Osteonecrosis of jaw;Atypical femur fracture;Oesophagitis
zoledronic acid|RECLAST|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|4,5|Osteoporosis|Osteonecrosis of jaw;Acute phase reaction;Hypocalcaemia
teriparatide|FORTEO|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|UG|20|Osteoporosis|Dizziness;Hypercalcaemia;Muscle spasms
empagliflozin|JARDIANCE|Oral|FILM-COATED TABLET|MG|10,25|Type 2 diabetes mellitus|Diabetic ketoacidosis;Urinary tract infection;Genital infection fungal
dapagliflozin|FARXIGA|Oral|FILM-COATED TABLET|MG|5,10|Type 2 diabetes mellitus|Diabetic ketoacidosis;Genital infection fungal;Dehydration
sitagliptin|JANUVIA|Oral|FILM-COATED TABLET|MG|25,50,100|Type 2 diabetes mellitus|Pancreatitis;Arthralgia;Pemphigoid
liraglutide|VICTOZA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|0.6,1.2,1.8|Type 2 diabetes mellitus|Nausea;Pancreatitis;Cholelithiasis
insulin aspart|NOVOLOG|Subcutaneous|SOLUTION FOR INJECTION|IU|4,8,12|Diabetes mellitus|Hypoglycaemia;Blood glucose increased;Device malfunction
sacubitril\\valsartan|ENTRESTO|Oral|FILM-COATED TABLET|MG|24,49,97|Cardiac failure|Hypotension;Hyperkalaemia;Renal impairment
amiodarone|PACERONE|Oral|TABLET|MG|100,200,400|Atrial fibrillation|Hypothyroidism;Pulmonary fibrosis;Bradycardia
digoxin|LANOXIN|Oral|TABLET|MG|0.125,0.25|Cardiac failure|Drug level increased;Bradycardia;Nausea
spironolactone|ALDACTONE|Oral|FILM-COATED TABLET|MG|25,50,100|Cardiac failure|Hyperkalaemia;Gynaecomastia;Renal impairment
enoxaparin|LOVENOX|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|40,60,80|Deep vein thrombosis|Haematoma;Haemorrhage;Thrombocytopenia
heparin|HEPARIN SODIUM|Intravenous (not otherwise specified)|SOLUTION FOR INJECTION|IU|5000,10000|Thrombosis prophylaxis|Heparin-induced thrombocytopenia;Haemorrhage;Thrombocytopenia
adalimumab-atto|AMJEVITA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|40|Rheumatoid arthritis|Injection site pain;Arthralgia;Drug ineffective
certolizumab pegol|CIMZIA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|200,400|Crohn's disease|Tuberculosis;Injection site reaction;Nasopharyngitis
golimumab|SIMPONI|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|50,100|Rheumatoid arthritis|Injection site erythema;Upper respiratory tract infection;Pneumonia
abatacept|ORENCIA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|125,750|Rheumatoid arthritis|Nasopharyngitis;Headache;Urinary tract infection
vedolizumab|ENTYVIO|Intravenous (not otherwise specified)|POWDER FOR SOLUTION FOR INFUSION|MG|300|Colitis ulcerative|Colitis ulcerative;Arthralgia;Nasopharyngitis
risankizumab|SKYRIZI|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|150,360|Psoriasis|Upper respiratory tract infection;Headache;Fatigue
guselkumab|TREMFYA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED PEN|MG|100|Psoriasis|Upper respiratory tract infection;Injection site erythema;Arthralgia
apremilast|OTEZLA|Oral|FILM-COATED TABLET|MG|10,20,30|Psoriasis|Diarrhoea;Nausea;Weight decreased
hydroxychloroquine|PLAQUENIL|Oral|FILM-COATED TABLET|MG|200,400|Systemic lupus erythematosus|Retinal toxicity;Electrocardiogram QT prolonged;Rash
sulfasalazine|AZULFIDINE|Oral|TABLET|MG|500,1000|Rheumatoid arthritis|Agranulocytosis;Rash;Nausea
leflunomide|ARAVA|Oral|FILM-COATED TABLET|MG|10,20|Rheumatoid arthritis|Hepatotoxicity;Alopecia;Hypertension
azathioprine|IMURAN|Oral|TABLET|MG|50,100|Crohn's disease|Pancytopenia;Pancreatitis;Hepatotoxicity
mycophenolate mofetil|CELLCEPT|Oral|CAPSULE|MG|250,500,1000|Renal transplant|Diarrhoea;Leukopenia;Cytomegalovirus infection
ondansetron|ZOFRAN|Oral|TABLET|MG|4,8|Nausea|Electrocardiogram QT prolonged;Constipation;Headache
pantoprazole|PROTONIX|Oral|GASTRO-RESISTANT TABLET|MG|20,40|Gastrooesophageal reflux disease|Hypomagnesaemia;Chronic kidney disease;Diarrhoea
esomeprazole|NEXIUM|Oral|GASTRO-RESISTANT CAPSULE|MG|20,40|Gastrooesophageal reflux disease|Chronic kidney disease;Acute kidney injury;Osteoporosis
ranitidine|ZANTAC|Oral|TABLET|MG|150,300|Gastrooesophageal reflux disease|Gastric cancer;Bladder cancer;Hepatic cancer
sildenafil|VIAGRA|Oral|FILM-COATED TABLET|MG|25,50,100|Erectile dysfunction|Headache;Visual impairment;Priapism
tadalafil|CIALIS|Oral|FILM-COATED TABLET|MG|5,10,20|Erectile dysfunction|Headache;Back pain;Myalgia
finasteride|PROPECIA|Oral|FILM-COATED TABLET|MG|1,5|Alopecia|Erectile dysfunction;Depression;Libido decreased
isotretinoin|ACCUTANE|Oral|CAPSULE|MG|10,20,40|Acne|Depression;Dry skin;Suicidal ideation
varenicline|CHANTIX|Oral|FILM-COATED TABLET|MG|0.5,1|Smoking cessation therapy|Abnormal dreams;Nausea;Suicidal ideation
zolpidem|AMBIEN|Oral|FILM-COATED TABLET|MG|5,10|Insomnia|Somnambulism;Amnesia;Somnolence
alprazolam|XANAX|Oral|TABLET|MG|0.25,0.5,1|Anxiety|Drug dependence;Withdrawal syndrome;Somnolence
clonazepam|KLONOPIN|Oral|TABLET|MG|0.5,1,2|Anxiety|Somnolence;Drug dependence;Fall
methylphenidate|RITALIN|Oral|TABLET|MG|5,10,18,36|Attention deficit hyperactivity disorder|Decreased appetite;Insomnia;Tic
buprenorphine|SUBUTEX|Sublingual|SUBLINGUAL TABLET|MG|2,8|Drug dependence|Drug withdrawal syndrome;Tooth disorder;Hepatic enzyme increased
morphine|MS CONTIN|Oral|PROLONGED-RELEASE TABLET|MG|15,30,60|Pain|Respiratory depression;Constipation;Overdose
hydrocodone|VICODIN|Oral|TABLET|MG|5,7.5,10|Pain|Overdose;Drug dependence;Drug abuse
cetirizine|ZYRTEC|Oral|TABLET|MG|5,10|Seasonal allergy|Somnolence;Pruritus;Drug ineffective
vitamin d3|VITAMIN D|Oral|CAPSULE|IU|1000,2000,5000|Vitamin D deficiency|Drug ineffective;Hypercalcaemia;Nausea
folic acid|FOLIC ACID|Oral|TABLET|MG|1,5|Prophylaxis|Drug ineffective;Nausea;Rash
potassium chloride|K-DUR|Oral|PROLONGED-RELEASE TABLET|MEQ|10,20|Hypokalaemia|Hyperkalaemia;Dysphagia;Nausea
tenofovir disoproxil|VIREAD|Oral|FILM-COATED TABLET|MG|300|HIV infection|Renal impairment;Fanconi syndrome acquired;Osteoporosis
emtricitabine\\tenofovir alafenamide|DESCOVY|Oral|FILM-COATED TABLET|MG|200|HIV infection|Nausea;Weight increased;Drug ineffective
sofosbuvir|SOVALDI|Oral|FILM-COATED TABLET|MG|400|Hepatitis C|Fatigue;Headache;Bradycardia
remdesivir|VEKLURY|Intravenous (not otherwise specified)|SOLUTION FOR INFUSION|MG|100,200|COVID-19|Transaminases increased;Bradycardia;Acute kidney injury
nirmatrelvir\\ritonavir|PAXLOVID|Oral|FILM-COATED TABLET|MG|150,300|COVID-19|Dysgeusia;Diarrhoea;COVID-19
botulinum toxin type a|BOTOX|Intramuscular|POWDER FOR SOLUTION FOR INJECTION|IU|50,100,200|Muscle spasticity|Muscular weakness;Dysphagia;Eyelid ptosis
onabotulinumtoxina|BOTOX COSMETIC|Intramuscular|POWDER FOR SOLUTION FOR INJECTION|IU|20,50|Skin wrinkling|Eyelid ptosis;Drug ineffective;Headache
epoetin alfa|EPOGEN|Subcutaneous|SOLUTION FOR INJECTION|IU|2000,10000|Anaemia|Hypertension;Thrombosis;Drug ineffective
pegfilgrastim|NEULASTA|Subcutaneous|SOLUTION FOR INJECTION IN PRE-FILLED SYRINGE|MG|6|Neutropenia|Bone pain;Splenic rupture;Leukocytosis
ferric carboxymaltose|INJECTAFER|Intravenous (not otherwise specified)|SOLUTION FOR INJECTION|MG|500,750|Iron deficiency anaemia|Hypophosphataemia;Hypersensitivity;Nausea
"""

# Real MedDRA-style preferred terms for the head of the reaction ranking (rank order).
REAL_EVENTS = """\
Drug ineffective
Nausea
Off label use
Fatigue
Death
Headache
Diarrhoea
Pain
Dyspnoea
Thrombocytopenia
Rash
Vomiting
Pyrexia
Dizziness
Arthralgia
Malaise
Pneumonia
Asthenia
Fall
Pruritus
Product dose omission issue
Cough
Weight decreased
Anxiety
Insomnia
Abdominal pain
Back pain
Hypertension
Injection site pain
Condition aggravated
Depression
Anaemia
Neutropenia
Urinary tract infection
Constipation
Oedema peripheral
Pain in extremity
Hypotension
Alopecia
Myalgia
Decreased appetite
Infection
Sepsis
Chest pain
Tremor
Somnolence
Confusional state
Dehydration
Acute kidney injury
Renal failure
Hypersensitivity
Nasopharyngitis
Weight increased
Drug interaction
Overdose
Seizure
Syncope
Palpitations
Muscle spasms
Paraesthesia
Abdominal pain upper
Gait disturbance
Feeling abnormal
Memory impairment
Vision blurred
Erythema
Urticaria
Hyperhidrosis
Cerebrovascular accident
Myocardial infarction
Atrial fibrillation
Cardiac failure
Pulmonary embolism
Deep vein thrombosis
Haemorrhage
Gastrointestinal haemorrhage
Epistaxis
Contusion
Influenza like illness
Chills
Hypoaesthesia
Muscular weakness
Loss of consciousness
Tachycardia
Bradycardia
Anaphylactic reaction
Angioedema
Stevens-Johnson syndrome
Toxic epidermal necrolysis
Drug reaction with eosinophilia and systemic symptoms
Hepatotoxicity
Drug-induced liver injury
Hepatic enzyme increased
Alanine aminotransferase increased
Aspartate aminotransferase increased
Blood creatinine increased
Blood glucose increased
Hypoglycaemia
Hyperglycaemia
Hyponatraemia
Hypokalaemia
Hyperkalaemia
Hypomagnesaemia
Pancreatitis
Lactic acidosis
Diabetic ketoacidosis
Rhabdomyolysis
Blood creatine phosphokinase increased
Interstitial lung disease
Pneumonitis
Respiratory failure
Respiratory depression
Electrocardiogram QT prolonged
Serotonin syndrome
Neuroleptic malignant syndrome
Suicidal ideation
Suicide attempt
Completed suicide
Agranulocytosis
Pancytopenia
Febrile neutropenia
Leukopenia
Lymphopenia
White blood cell count decreased
Platelet count decreased
Haemoglobin decreased
International normalised ratio increased
Progressive multifocal leukoencephalopathy
Multiple sclerosis relapse
JC virus test positive
Osteonecrosis of jaw
Tendon rupture
Tendonitis
Peripheral neuropathy
Peripheral sensory neuropathy
Injection site reaction
Injection site erythema
Injection site haematoma
Infusion related reaction
Herpes zoster
Tuberculosis
Cytomegalovirus infection
Clostridium difficile infection
Clostridium difficile colitis
Colitis
Colitis ulcerative
Crohn's disease
Psoriasis
Dermatitis atopic
Conjunctivitis
Eye pruritus
Oral candidiasis
Stomatitis
Dyspepsia
Gastrooesophageal reflux disease
Peptic ulcer
Gastrointestinal perforation
Cholelithiasis
Hypothyroidism
Hyperthyroidism
Thyroid stimulating hormone increased
Hyperprolactinaemia
Gynaecomastia
Abnormal weight gain
Tardive dyskinesia
Akathisia
Impulse-control disorder
Aggression
Nightmare
Abnormal dreams
Somnambulism
Amnesia
Drug dependence
Drug abuse
Drug withdrawal syndrome
Withdrawal syndrome
Drug level increased
Immunosuppressant drug level increased
Nephrotoxicity
Ototoxicity
Cardiotoxicity
Myocarditis
Ejection fraction decreased
Cardiac failure congestive
Proteinuria
Haematuria
Cystitis haemorrhagic
Renal impairment
Chronic kidney disease
Fanconi syndrome acquired
Osteoporosis
Atypical femur fracture
Hypocalcaemia
Hypercalcaemia
Hypophosphataemia
Acute phase reaction
Vitamin B12 deficiency
Hyperammonaemia
Palmar-plantar erythrodysaesthesia syndrome
Paronychia
Dry skin
Fluid retention
Oedema
Macular oedema
Retinal toxicity
Visual impairment
Priapism
Erectile dysfunction
Libido decreased
Tic
Sedation
Dysphagia
Dysphonia
Dysgeusia
Eyelid ptosis
Bone pain
Splenic rupture
Leukocytosis
Thrombosis
Heparin-induced thrombocytopenia
Thrombotic thrombocytopenic purpura
Haematoma
Flushing
Genital infection fungal
Pemphigoid
Upper respiratory tract infection
Lipoatrophy
Immune-mediated hepatitis
Acute hepatic failure
Hepatitis B reactivation
Red man syndrome
Transaminases increased
Inflammatory bowel disease
Gastric cancer
Bladder cancer
Hepatic cancer
Squamous cell carcinoma of skin
Oesophagitis
Device malfunction
Product use issue
Product use in unapproved indication
Treatment noncompliance
No adverse event
Drug dose omission
Emotional distress
COVID-19
Skin wrinkling
Muscle spasticity
Plasma cell myeloma
Breast cancer
Multiple sclerosis
Rheumatoid arthritis
Asthma
Diabetes mellitus
Tooth disorder
"""

# Indications that are not also reactions above (INDI uses both lists).
EXTRA_INDICATIONS = """\
Product used for unknown indication
Type 2 diabetes mellitus
Diabetes mellitus
Hypercholesterolaemia
Non-small cell lung cancer
Malignant melanoma
Chronic lymphocytic leukaemia
Chronic myeloid leukaemia
Diffuse large B-cell lymphoma
Colorectal cancer
Ovarian cancer
Neuralgia
Schizophrenia
Bipolar disorder
Epilepsy
Renal transplant
Acute myocardial infarction
Thrombosis prophylaxis
Systemic lupus erythematosus
Iron deficiency anaemia
Vitamin D deficiency
Seasonal allergy
HIV infection
Hepatitis C
Smoking cessation therapy
Attention deficit hyperactivity disorder
Acne
Prophylaxis
Hypertension
Atrial fibrillation
Pain
Depression
Anxiety
Insomnia
Osteoporosis
Psoriatic arthropathy
Ankylosing spondylitis
Hidradenitis
Migraine
Osteoarthritis
Infection
Urinary tract infection
Pneumonia
Sepsis
Nausea
Oedema
Hypothyroidism
Hypokalaemia
Anaemia
Neutropenia
Erectile dysfunction
Alopecia
Drug dependence
"""

REQUIRED_DRUGS = ("natalizumab", "adalimumab", "metformin")
REQUIRED_EVENTS = ("Thrombocytopenia", "Nausea", "Death")

_ONSETS = ("ba be bi bo ca ce ci co da de di do fa fe fi fo ga ge la le li lo ma me mi mo "
           "na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo xa za ze zo "
           "tra pro cla flu glu dro pre ste ela ami ari eto ili obi ola uva").split()
_MIDDLES = "l n r s t x v m lu ri ta ne po ci ve za".split() + [""]
_SUFFIXES = ("mab ximab zumab umab tinib ciclib rafenib pril sartan olol statin prazole azepam "
             "oxetine floxacin cycline mycin vir navir parin gliptin gliflozin afil triptan "
             "dronate lukast setron tidine conazole caine dipine semide thiazide glitazone "
             "lutamide relix rubicin platin taxel terol sonide olone profen coxib barb azoline "
             "cillin cef tecan lisib degib parib zomib fenac triptyline peridol apine idone "
             "oxacin asone formin glinide lamide").split()
_SALTS = ("HYDROCHLORIDE", "SODIUM", "CITRATE", "MESYLATE", "SULFATE", "ACETATE", "MALEATE")
_BRAND_ENDS = ("a", "ex", "ix", "on", "ra", "vy", "za", "el", "io", "or", "en", "is")

_ROUTES = (("Oral", 55), ("Subcutaneous", 12), ("Intravenous (not otherwise specified)", 14),
           ("Intramuscular", 4), ("Topical", 5), ("Transdermal", 2),
           ("Respiratory (inhalation)", 4), ("Ophthalmic", 2), ("Nasal", 2))
_FORMS = {"Oral": ("TABLET", "FILM-COATED TABLET", "CAPSULE", "ORAL SOLUTION"),
          "Subcutaneous": ("SOLUTION FOR INJECTION", "SOLUTION FOR INJECTION IN PRE-FILLED PEN"),
          "Intravenous (not otherwise specified)": ("SOLUTION FOR INFUSION", "INJECTION"),
          "Intramuscular": ("INJECTION", "SUSPENSION FOR INJECTION"),
          "Topical": ("CREAM", "OINTMENT", "GEL"),
          "Transdermal": ("TRANSDERMAL PATCH",),
          "Respiratory (inhalation)": ("INHALATION AEROSOL", "INHALATION POWDER"),
          "Ophthalmic": ("EYE DROPS, SOLUTION",),
          "Nasal": ("NASAL SPRAY, SOLUTION",)}

_ORGANS = ("Hepatic Renal Cardiac Pulmonary Gastric Cerebral Splenic Adrenal Thyroid Ocular "
           "Retinal Cutaneous Vascular Muscular Pancreatic Biliary Oesophageal Duodenal Colonic "
           "Rectal Vaginal Uterine Ovarian Testicular Prostatic Bladder Urethral Nasal Pharyngeal "
           "Laryngeal Tracheal Bronchial Pleural Pericardial Myocardial Coronary Aortic Venous "
           "Arterial Lymphatic Spinal Facial Gingival Dental Corneal Intestinal Peritoneal "
           "Mediastinal Pituitary Salivary Tonsillar Vulval Penile Scrotal Mammary Synovial").split()
_ORGAN_NOUNS = ("failure impairment injury disorder haemorrhage infarction neoplasm cyst abscess "
                "oedema pain ischaemia fibrosis necrosis atrophy hypertrophy stenosis perforation "
                "ulcer mass infection inflammation calcification discomfort swelling discolouration "
                "haematoma thrombosis embolism toxicity dysfunction enlargement rupture fistula "
                "polyp carcinoma lesion hypoplasia congestion obstruction spasm hyperplasia dysplasia "
                "prolapse adhesion granuloma varices anomaly dilatation").split()
_ROOTS = ("cardi hepat nephr neur derm gastr arthr myel encephal oste pneum col pancreat "
          "cyst vascul my phleb lymphaden mening retin kerat blephar gingiv stomat gloss "
          "pharyng laryng trache bronch pleur pericard endocard aort arteri ven splen "
          "thyr aden chondr ten fasc cellul vagin cervic endometr orch prostat urethr "
          "pyel ureter sial parot tonsill sinus otit rhin uve scler").split()
_ROOT_SUFFIXES = "itis opathy algia osis oma ectasia megaly orrhagia plegia sclerosis".split()
_QUALIFIERS = ("Acute", "Chronic", "Drug-induced", "Immune-mediated", "Recurrent", "Congenital",
               "Post procedural", "Infective", "Allergic", "Toxic", "Autoimmune",
               "Haemorrhagic", "Ischaemic", "Necrotising", "Obstructive", "Idiopathic")
_ANALYTES = ("Alanine aminotransferase|Aspartate aminotransferase|Blood creatinine|Blood glucose|"
             "Blood potassium|Blood sodium|Haemoglobin|Platelet count|White blood cell count|"
             "Neutrophil count|Lymphocyte count|Blood pressure|Heart rate|Body temperature|"
             "Blood bilirubin|Gamma-glutamyltransferase|Blood alkaline phosphatase|Lipase|"
             "Amylase|C-reactive protein|Blood urea|Blood calcium|Blood magnesium|"
             "Blood phosphorus|Blood iron|Serum ferritin|Troponin|Blood lactic acid|"
             "Prothrombin time|Fibrin D dimer|Blood cholesterol|Blood triglycerides|"
             "Glycosylated haemoglobin|Blood thyroid stimulating hormone|Oxygen saturation|"
             "Eosinophil count|Red blood cell count|Haematocrit|Blood albumin|Blood uric acid|"
             "Blood cortisol|Blood testosterone|Vitamin D|Vitamin B12|Viral load|CD4 lymphocytes|"
             "Blood insulin|Ammonia|Blood pH|Blood bicarbonate|Blood chloride|Monocyte count|"
             "Basophil count|Reticulocyte count|Blood lactate dehydrogenase|Procalcitonin|"
             "Brain natriuretic peptide|Blood folate|Urine output|Intraocular pressure").split("|")
_ANALYTE_TAILS = ("increased", "decreased", "abnormal")
_SITES = ("Injection site", "Application site", "Infusion site", "Implant site", "Catheter site",
          "Vaccination site", "Instillation site", "Administration site")
_SITE_TAILS = ("pain erythema swelling bruising haematoma pruritus rash induration nodule "
               "reaction warmth inflammation infection discolouration haemorrhage urticaria "
               "oedema mass irritation necrosis abscess atrophy scar vesicles hypersensitivity").split()
_PATHOGENS = ("Staphylococcal|Streptococcal|Pseudomonas|Escherichia|Klebsiella|Enterococcal|"
              "Candida|Aspergillus|Cryptococcal|Pneumocystis|Herpes|Cytomegalovirus|Influenza|"
              "Respiratory syncytial virus|Adenovirus|Norovirus|Rotavirus|Listeria|Salmonella|"
              "Mycobacterial|Nocardia|Toxoplasma|Histoplasma|Legionella|Clostridial").split("|")
_PATHOGEN_TAILS = ("infection", "sepsis", "test positive", "bacteraemia", "pneumonia",
                   "colonisation")


def _title(s):
    return s[:1].upper() + s[1:]


def _dedup(seq, taken):
    out = []
    for s in seq:
        k = s.lower()
        if k not in taken:
            taken.add(k)
            out.append(s)
    return out


def _load_json_names(path):
    """Return names from a lexicon JSON of unknown exact shape, or [] when absent/unreadable."""
    if not os.path.exists(path):
        return []
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return []
    if isinstance(data, dict):
        for key in ("drugs", "events", "terms", "entries", "items", "names"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = list(data.keys())
    names = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for key in ("name", "generic", "ingredient", "substance", "pt", "term", "preferred_term"):
                if isinstance(item.get(key), str):
                    names.append(item[key])
                    break
    # FAERS has no quoting: a name holding the delimiter or a line break would corrupt rows.
    return [n.strip() for n in names if n.strip() and not any(c in n for c in "$\r\n")]


class Drug:
    __slots__ = ("generic", "brand", "route", "forms", "unit", "amounts", "indication",
                 "signature", "nda", "salt", "sig_idx")


def build_drugs(n_drugs, lexicon_dir=None):
    """Drug table in popularity-rank order (index 0 = most reported)."""
    rng = random.Random(0xFAE125D)
    taken = set()
    drugs = []
    for line in REAL_DRUGS.strip().splitlines():
        g, brand, route, form, unit, amts, indi, sig = line.split("|")
        if g.lower() in taken:
            continue
        taken.add(g.lower())
        taken.add(brand.lower())
        d = Drug()
        d.generic, d.brand, d.route, d.forms, d.unit = g.upper(), brand, route, (form,), unit
        d.amounts, d.indication, d.signature = tuple(amts.split(",")), indi, tuple(sig.split(";"))
        drugs.append(d)
    extra = []
    if lexicon_dir:
        extra = _dedup(_load_json_names(os.path.join(lexicon_dir, "drugs.json")), taken)
    # Synthesised names fill the tail so the vocabulary is always large enough.
    synth = []
    while len(drugs) + len(extra) + len(synth) < n_drugs:
        name = rng.choice(_ONSETS) + rng.choice(_MIDDLES) + rng.choice(_SUFFIXES)
        if rng.random() < 0.25:
            name = rng.choice(_ONSETS) + name
        if name.lower() not in taken and len(name) >= 6:
            taken.add(name.lower())
            synth.append(name)
    for name in (extra + synth)[: max(0, n_drugs - len(drugs))]:
        d = Drug()
        d.generic = name.upper()
        d.brand = ""
        if rng.random() < 0.45:
            while True:
                b = (rng.choice(_ONSETS) + rng.choice(_MIDDLES) + rng.choice(_BRAND_ENDS)).upper()
                if b.lower() not in taken and len(b) >= 4:
                    taken.add(b.lower())
                    d.brand = b
                    break
        route = _weighted(rng, _ROUTES)
        d.route = route
        d.forms = _FORMS[route]
        d.unit = rng.choice(("MG", "MG", "MG", "UG", "IU", "ML"))
        base = rng.choice((1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500))
        d.amounts = (str(base), str(base * 2))
        d.indication = ""  # filled by caller from the indication list
        d.signature = ()
        drugs.append(d)
    for d in drugs:
        d.nda = "%06d" % rng.randrange(10000, 220000)
        d.salt = rng.choice(_SALTS) if rng.random() < 0.2 else ""
    return drugs


def build_events(n_events, lexicon_dir=None):
    """Reaction preferred terms in popularity-rank order."""
    rng = random.Random(0xE7E175)
    taken = set()
    head = _dedup([s for s in REAL_EVENTS.strip().splitlines()], taken)
    extra = []
    if lexicon_dir:
        extra = _dedup(_load_json_names(os.path.join(lexicon_dir, "events.json")), taken)
    cands = []
    cands += ["%s %s" % (o, n) for o in _ORGANS for n in _ORGAN_NOUNS]
    cands += [_title(r + s) for r in _ROOTS for s in _ROOT_SUFFIXES]
    cands += ["%s %s" % (a, t) for a in _ANALYTES for t in _ANALYTE_TAILS]
    bases = [_title(r + "itis") for r in _ROOTS] + ["%s failure" % o for o in _ORGANS]
    cands += ["%s %s" % (q, b[:1].lower() + b[1:]) for q in _QUALIFIERS for b in bases]
    cands += ["%s %s" % (a, t) for a in _SITES for t in _SITE_TAILS]
    cands += ["%s %s" % (a, t) for a in _PATHOGENS for t in _PATHOGEN_TAILS]
    cands += ["%s neoplasm %s" % (o, t) for o in _ORGANS for t in ("benign", "malignant")]
    # A fixed shuffle keeps the synthetic tail from being alphabetically clustered by rank.
    rng.shuffle(cands)
    synth = _dedup(cands, taken)
    terms = (head + extra + synth)[:n_events]
    if len(terms) < n_events:
        i = 0
        while len(terms) < n_events:
            i += 1
            terms.append("Adverse event type %d" % i)
    return terms


def build_indications(events):
    taken = set()
    return _dedup(EXTRA_INDICATIONS.strip().splitlines() + events[200:600], taken)


def _weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]
